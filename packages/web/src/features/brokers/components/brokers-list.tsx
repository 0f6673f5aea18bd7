import { Center, Loader, Paper, Table } from '@mantine/core';
import type { Broker } from '@understudy/contracts';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useBrokers } from '../api/get-brokers';
import { BrokerRow } from './broker-row';
import { BrokersEmptyState } from './brokers-empty-state';

interface BrokersListProps {
  createAction: ReactNode;
  canEdit: (broker: Broker) => boolean;
}

/** All brokers with their live status (polled), or what a broker is when there are none. */
export function BrokersList({ createAction, canEdit }: BrokersListProps) {
  const brokers = useBrokers({ live: true });
  if (brokers.isPending) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading brokers" />
      </Center>
    );
  }
  if (brokers.isError) return <ErrorAlert error={brokers.error} title="Could not load the brokers" />;
  if (brokers.data.items.length === 0) return <BrokersEmptyState action={createAction} />;
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="sm" highlightOnHover aria-label="Brokers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>URL</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                Queue mocks
              </Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {brokers.data.items.map((broker) => (
              <BrokerRow key={broker.name} broker={broker} canEdit={canEdit(broker)} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
