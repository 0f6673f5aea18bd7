import { Button, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Broker, QueueMock } from '@understudy/contracts';
import { CreateQueueMockForm } from './create-queue-mock-form';

interface CreateQueueMockButtonProps {
  brokers: readonly Broker[];
  onCreated: (mock: QueueMock) => void;
  label?: string;
}

/** "New queue mock", and the form in a dialog; disabled until a broker is registered. */
export function CreateQueueMockButton({
  brokers,
  onCreated,
  label = 'New queue mock',
}: CreateQueueMockButtonProps) {
  const [opened, { open, close }] = useDisclosure(false);
  const created = (mock: QueueMock) => {
    close();
    onCreated(mock);
  };
  return (
    <>
      <Button onClick={open} disabled={brokers.length === 0}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title="New queue mock" size="lg">
        {brokers.length === 0 ? (
          <Text>Register a broker first.</Text>
        ) : (
          <CreateQueueMockForm brokers={brokers} onCreated={created} onCancel={close} />
        )}
      </Modal>
    </>
  );
}
