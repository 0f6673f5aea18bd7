import { Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { QueueMock } from '@understudy/contracts';
import { useState } from 'react';
import { notifyError, notifySuccess } from '../../../components/ui/notify';
import { useDeleteQueueMock } from '../api/delete-queue-mock';
import { queueNoun } from '../utils/queue-kinds';

interface DeleteQueueMockButtonProps {
  mock: QueueMock;
  disabled?: boolean;
  onDeleted?: () => void;
}

/** Delete behind a dialog that asks whether the queue on the broker goes too. */
export function DeleteQueueMockButton({ mock, disabled, onDeleted }: DeleteQueueMockButtonProps) {
  const [opened, { open, close }] = useDisclosure(false);
  const [deleteQueue, setDeleteQueue] = useState(false);
  const remove = useDeleteQueueMock();
  const noun = queueNoun(mock.brokerKind);

  const confirm = () => {
    close();
    remove.mutate(
      { id: mock.id, deleteQueue },
      {
        onSuccess: () => {
          notifySuccess(
            `Queue mock ${mock.queue} was deleted${deleteQueue ? `, and the ${noun} on ${mock.broker}` : ''}`,
          );
          onDeleted?.();
        },
        onError: (error) => notifyError(`Could not delete the queue mock ${mock.queue}`, error),
      },
    );
  };

  return (
    <>
      <Button
        color="red"
        variant="light"
        size="xs"
        onClick={open}
        disabled={disabled}
        loading={remove.isPending}
        aria-label={`Delete ${mock.queue}`}
      >
        Delete
      </Button>
      <Modal opened={opened} onClose={close} title={`Delete the queue mock ${mock.queue}?`} centered>
        <Stack gap="md">
          <Text size="sm">
            Understudy stops reading and forgets the messages it kept. This cannot be undone.
          </Text>
          <Checkbox
            label={`Also delete the ${noun} ${mock.queue} on ${mock.broker}`}
            description={`Messages waiting in it are lost; clients publishing to it ${mock.brokerKind === 'rabbitmq' ? 'get it unroutable' : 'are not read any more'}`}
            checked={deleteQueue}
            onChange={(event) => setDeleteQueue(event.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="red" onClick={confirm}>
              Delete
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
