import { Badge, Button, Divider, Group, Stack } from '@mantine/core';
import type { QueueMessage } from '@understudy/contracts';
import { SectionLabel } from '../../../components/ui/key-value-table';
import { formatFull } from '../utils/format-time';
import { formatBytes } from '../utils/message-body';
import { MessageBodyView } from './message-body-view';
import { ReplyDetail } from './reply-detail';
import { ValuesTable } from './values-table';

interface MessageDetailProps {
  message: QueueMessage;
  onRepublish: () => void;
  republishing: boolean;
  onEditAndPublish: () => void;
}

/** One kept message: where it came from, body, headers, properties, and the auto-reply sent for it. */
export function MessageDetail({ message, onRepublish, republishing, onEditAndPublish }: MessageDetailProps) {
  const { reply } = message;
  const facts: [string, string][] = [
    ['Received', formatFull(message.receivedAt)],
    ['Routing key', message.routingKey],
    ...(message.exchange !== null
      ? ([['Exchange', message.exchange || '(default)']] as [string, string][])
      : []),
    ['Size', formatBytes(message.size)],
    ['Broker message id', message.brokerMessageId ?? '—'],
  ];
  return (
    <Stack gap="md" data-testid="message-detail">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="xs">
          <Badge variant="light">#{message.id}</Badge>
          {message.redelivered && (
            <Badge variant="light" color="yellow">
              redelivered
            </Badge>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="default" onClick={onEditAndPublish}>
            Edit and publish
          </Button>
          <Button size="xs" onClick={onRepublish} loading={republishing}>
            Re-publish
          </Button>
        </Group>
      </Group>
      <ValuesTable label="Message facts" values={Object.fromEntries(facts)} />
      <Stack gap={6}>
        <SectionLabel>Body</SectionLabel>
        <MessageBodyView
          label="Message body"
          body={message.body}
          encoding={message.bodyEncoding}
          size={message.size}
          truncated={message.truncated}
        />
        <SectionLabel>Headers</SectionLabel>
        <ValuesTable label="Message headers" values={message.headers} />
        <SectionLabel>Properties</SectionLabel>
        <ValuesTable label="Message properties" values={message.properties} />
      </Stack>
      {reply && (
        <>
          <Divider />
          <ReplyDetail reply={reply} />
        </>
      )}
    </Stack>
  );
}
