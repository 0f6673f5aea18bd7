import { Center, Loader, Paper, Table } from '@mantine/core';
import type { QueueMock } from '@understudy/contracts';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useQueueMocks } from '../api/get-queue-mocks';
import { QueueMockRow } from './queue-mock-row';
import { QueueMocksEmptyState } from './queue-mocks-empty-state';

interface QueueMocksListProps {
  createAction: ReactNode;
  hasBrokers: boolean;
  canEdit: (mock: QueueMock) => boolean;
}

/** All queue mocks with their consumer status, message count and last message. */
export function QueueMocksList({ createAction, hasBrokers, canEdit }: QueueMocksListProps) {
  const mocks = useQueueMocks();
  if (mocks.isPending) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading queue mocks" />
      </Center>
    );
  }
  if (mocks.isError) return <ErrorAlert error={mocks.error} title="Could not load the queue mocks" />;
  if (mocks.data.items.length === 0)
    return <QueueMocksEmptyState action={createAction} hasBrokers={hasBrokers} />;
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="sm" highlightOnHover aria-label="Queue mocks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Queue</Table.Th>
              <Table.Th>Broker</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">Messages</Table.Th>
              <Table.Th>Last message</Table.Th>
              <Table.Th>Owner</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {mocks.data.items.map((mock) => (
              <QueueMockRow key={mock.id} mock={mock} canEdit={canEdit(mock)} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
