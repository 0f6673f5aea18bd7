import { Alert, Code, Stack, Text, Title } from '@mantine/core';
import type { MessageReply } from '@understudy/contracts';
import { SectionLabel } from '../../../components/ui/key-value-table';
import { formatDateTime } from '../../../lib/format-date';
import { MessageBodyView } from './message-body-view';
import { ValuesTable } from './values-table';

type ReplyHandler = NonNullable<MessageReply['handler']>;

/** What a Python reply handler printed, and its traceback when it failed. */
function HandlerOutput({ handler }: { handler: ReplyHandler }) {
  const blocks: Array<[string, string]> = [
    ['stdout', handler.stdout],
    ['stderr', handler.stderr],
    ['traceback', handler.traceback ?? ''],
  ];
  return (
    <Stack gap={4}>
      <SectionLabel>Handler</SectionLabel>
      <Text size="xs" c="dimmed">
        Ran in {handler.durationMs.toFixed(1)} ms
      </Text>
      {blocks
        .filter(([, text]) => text !== '')
        .map(([label, text]) => (
          <Code
            key={label}
            block
            aria-label={`Handler ${label}`}
            style={{ maxHeight: 240, overflow: 'auto' }}
          >
            {text}
          </Code>
        ))}
    </Stack>
  );
}

/** The auto-reply of a message: where it went and what it said, or why none was sent. */
export function ReplyDetail({ reply }: { reply: MessageReply }) {
  // A reply without a message id was never published: its handler failed or it could not wait its turn.
  const sent = reply.messageId !== null;
  return (
    <Stack gap={6}>
      <Title order={5}>Auto-reply</Title>
      <Text size="sm" c="dimmed">
        To{' '}
        <Text span ff="monospace">
          {reply.replyTo}
        </Text>
        , correlation id{' '}
        <Text span ff="monospace">
          {reply.correlationId ?? '—'}
        </Text>
        , {formatDateTime(reply.sentAt)}
      </Text>
      {reply.error && (
        <Alert color="red" variant="light" title={sent ? 'The reply could not be sent' : 'No reply was sent'}>
          {reply.error}
        </Alert>
      )}
      {sent && <MessageBodyView label="Reply body" body={reply.body} encoding={reply.bodyEncoding} />}
      {Object.keys(reply.headers).length > 0 && <ValuesTable label="Reply headers" values={reply.headers} />}
      {reply.handler && <HandlerOutput handler={reply.handler} />}
    </Stack>
  );
}
