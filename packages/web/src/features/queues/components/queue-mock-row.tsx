import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import type { QueueMock } from '@understudy/contracts';
import { Link } from 'react-router';
import { LiveStatusBadge } from '../../../components/ui/live-status-badge';
import { queuePaths } from '../../../config/paths';
import { BROKER_KIND_LABELS } from '../../../lib/broker-kind-labels';
import { formatDateTime } from '../../../lib/format-date';
import { useLatestQueueMessage } from '../api/get-queue-messages';
import { useQueueStats } from '../api/get-queue-stats';
import { DeleteQueueMockButton } from './delete-queue-mock-button';

interface QueueMockRowProps {
  mock: QueueMock;
  canEdit: boolean;
}

export function QueueMockRow({ mock, canEdit }: QueueMockRowProps) {
  // The list answer has neither; each row asks (see the report's API request for a cheaper way).
  const stats = useQueueStats(mock.id);
  const latest = useLatestQueueMessage(mock.id);
  return (
    <Table.Tr data-testid="queue-mock-row">
      <Table.Td>
        <Anchor component={Link} to={queuePaths.detail(mock.id)} fw={600} ff="monospace">
          {mock.queue}
        </Anchor>
        {(mock.autoReply || !mock.create) && (
          <Group gap={6} mt={2}>
            {mock.autoReply && (
              <Badge size="xs" variant="light" color="grape">
                auto-reply
              </Badge>
            )}
            {!mock.create && (
              <Badge size="xs" variant="light" color="gray">
                existing
              </Badge>
            )}
          </Group>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{mock.broker}</Text>
        <Text size="xs" c="dimmed">
          {BROKER_KIND_LABELS[mock.brokerKind]}
        </Text>
      </Table.Td>
      <Table.Td>
        <LiveStatusBadge status={mock.status} data-testid="queue-mock-status" />
      </Table.Td>
      <Table.Td ta="right" data-testid="queue-mock-count">
        {stats.data ? stats.data.total.toLocaleString() : '…'}
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={latest.data ? undefined : 'dimmed'}>
          {latest.isPending ? '…' : formatDateTime(latest.data?.receivedAt ?? null, 'None yet')}
        </Text>
      </Table.Td>
      <Table.Td>{mock.owner.username}</Table.Td>
      <Table.Td ta="right">
        <DeleteQueueMockButton mock={mock} disabled={!canEdit} />
      </Table.Td>
    </Table.Tr>
  );
}
