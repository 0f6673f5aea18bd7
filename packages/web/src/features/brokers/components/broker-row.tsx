import { Button, Group, Modal, Table, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Broker } from '@understudy/contracts';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { LiveStatusBadge } from '../../../components/ui/live-status-badge';
import { notifyError, notifySuccess } from '../../../components/ui/notify';
import { useDeleteBroker } from '../api/delete-broker';
import { BROKER_KINDS } from '../utils/broker-kinds';
import { EditBrokerForm } from './edit-broker-form';

interface BrokerRowProps {
  broker: Broker;
  /** The owner and admins may change it; the server enforces this too. */
  canEdit: boolean;
}

export function BrokerRow({ broker, canEdit }: BrokerRowProps) {
  const [editing, { open, close }] = useDisclosure(false);
  const remove = useDeleteBroker();
  const inUse = broker.queueMocks > 0;
  const deleteBroker = () =>
    remove.mutate(broker.name, {
      onSuccess: () => notifySuccess(`Broker ${broker.name} was deleted`),
      // A broker still read by queue mocks is refused (409); the server's message names them.
      onError: (error) => notifyError(`Could not delete ${broker.name}`, error),
    });

  return (
    <Table.Tr data-testid="broker-row">
      <Table.Td>
        <Text fw={600} style={{ whiteSpace: 'nowrap' }}>
          {broker.name}
        </Text>
        <Text size="xs" c="dimmed">
          by {broker.owner.username}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {BROKER_KINDS[broker.kind].label}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace" lineClamp={1} maw={300} title={broker.url}>
          {broker.url}
        </Text>
      </Table.Td>
      <Table.Td>
        <LiveStatusBadge status={broker.status} data-testid="broker-status" />
      </Table.Td>
      <Table.Td ta="right">{broker.queueMocks}</Table.Td>
      <Table.Td>
        <Tooltip
          label={`Only ${broker.owner.username} (the owner) or an admin can change this`}
          disabled={canEdit}
        >
          <Group gap="xs" justify="flex-end" wrap="nowrap">
            <Button
              variant="default"
              size="xs"
              onClick={open}
              disabled={!canEdit}
              aria-label={`Edit ${broker.name}`}
            >
              Edit
            </Button>
            <ConfirmButton
              label="Delete"
              aria-label={`Delete ${broker.name}`}
              title={`Delete ${broker.name}?`}
              message={
                inUse
                  ? `${broker.queueMocks} queue mock(s) still read from ${broker.name}; the server refuses until they are deleted.`
                  : 'The connection is closed and the broker forgotten. Nothing on the broker itself changes.'
              }
              onConfirm={deleteBroker}
              loading={remove.isPending}
              disabled={!canEdit}
            />
          </Group>
        </Tooltip>
        <Modal opened={editing} onClose={close} title={`Edit ${broker.name}`} size="lg">
          <EditBrokerForm broker={broker} onDone={close} />
        </Modal>
      </Table.Td>
    </Table.Tr>
  );
}
