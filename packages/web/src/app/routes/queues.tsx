import { Group, Stack } from '@mantine/core';
import type { QueueMock } from '@understudy/contracts';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/ui/page-header';
import { queuePaths } from '../../config/paths';
import { useBrokers } from '../../features/brokers/api/get-brokers';
import { CreateQueueMockButton } from '../../features/queues/components/create-queue-mock-button';
import { QueueMocksList } from '../../features/queues/components/queue-mocks-list';
import { useCanChange } from './use-can-change';

export function QueuesRoute() {
  const navigate = useNavigate();
  const canChange = useCanChange();
  const brokers = useBrokers().data?.items ?? [];
  const created = (mock: QueueMock) => void navigate(queuePaths.detail(mock.id));
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <PageHeader
          title="Queues"
          description="Queue mocks: queues on your brokers whose every message Understudy keeps and shows live."
        />
        <CreateQueueMockButton brokers={brokers} onCreated={created} />
      </Group>
      <QueueMocksList
        hasBrokers={brokers.length > 0}
        canEdit={canChange}
        createAction={
          <CreateQueueMockButton brokers={brokers} onCreated={created} label="Create your first queue mock" />
        }
      />
    </Stack>
  );
}
