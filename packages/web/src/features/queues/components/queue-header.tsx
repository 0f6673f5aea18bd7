import { Anchor, Badge, Breadcrumbs, Button, Group, Modal, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { QueueMock } from '@understudy/contracts';
import { Link, useNavigate } from 'react-router';
import { LiveStatusBadge } from '../../../components/ui/live-status-badge';
import { paths } from '../../../config/paths';
import { BROKER_KIND_LABELS } from '../../../lib/broker-kind-labels';
import { DeleteQueueMockButton } from './delete-queue-mock-button';
import { EditQueueMockForm } from './edit-queue-mock-form';

/** "classic, durable · bound to amq.topic (orders.#) · keeps 10,000 for 168 h", in words. */
function describe(mock: QueueMock): string {
  const { options, retention } = mock;
  const parts: string[] = [];
  if (mock.brokerKind === 'rabbitmq' && mock.create) {
    parts.push(
      `${options.queueType ?? 'classic'}${options.durable === false ? ', not durable' : ', durable'}`,
    );
  }
  if (!mock.create) parts.push('existing queue');
  for (const b of options.bindings ?? []) parts.push(`bound to ${b.exchange} (${b.routingKey || 'no key'})`);
  parts.push(
    `keeps ${retention.maxMessages?.toLocaleString() ?? '10,000'} for ${retention.maxAgeHours ?? 168} h`,
  );
  return parts.join(' · ');
}

interface QueueHeaderProps {
  mock: QueueMock;
  canEdit: boolean;
  onPublish: () => void;
}

export function QueueHeader({ mock, canEdit, onPublish }: QueueHeaderProps) {
  const [editing, { open, close }] = useDisclosure(false);
  const navigate = useNavigate();
  const notAllowed = `Only ${mock.owner.username} (the owner) or an admin can change this`;
  return (
    <Stack gap="sm">
      <Breadcrumbs>
        <Anchor component={Link} to={paths.queues} size="sm">
          Queues
        </Anchor>
        <Text size="sm">{mock.queue}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2} ff="monospace">
              {mock.queue}
            </Title>
            <LiveStatusBadge status={mock.status} showError={false} data-testid="queue-status" />
            {mock.autoReply && (
              <Badge variant="light" color="grape">
                auto-reply on
              </Badge>
            )}
          </Group>
          <Text c="dimmed" size="sm">
            On {mock.broker} ({BROKER_KIND_LABELS[mock.brokerKind]}) · {describe(mock)}
          </Text>
          {mock.status.state !== 'connected' && mock.status.lastError && (
            <Text size="sm" c="red.8">
              {mock.status.lastError.code}: {mock.status.lastError.message}
            </Text>
          )}
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" onClick={onPublish}>
            Publish
          </Button>
          <Tooltip label={notAllowed} disabled={canEdit}>
            <Group gap="xs" wrap="nowrap">
              <Button variant="default" size="xs" onClick={open} disabled={!canEdit}>
                Settings
              </Button>
              <DeleteQueueMockButton
                mock={mock}
                disabled={!canEdit}
                onDeleted={() => void navigate(paths.queues, { replace: true })}
              />
            </Group>
          </Tooltip>
        </Group>
      </Group>
      <Modal opened={editing} onClose={close} title={`Settings of ${mock.queue}`} size="lg">
        <EditQueueMockForm mock={mock} onDone={close} />
      </Modal>
    </Stack>
  );
}
