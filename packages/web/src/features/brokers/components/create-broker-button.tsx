import { Button, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Broker } from '@understudy/contracts';
import { notifySuccess } from '../../../components/ui/notify';
import { CreateBrokerForm } from './create-broker-form';

/** "Register broker", and the form in a dialog. */
export function CreateBrokerButton({ label = 'Register broker' }: { label?: string }) {
  const [opened, { open, close }] = useDisclosure(false);
  const created = (broker: Broker) => {
    close();
    notifySuccess(`Broker ${broker.name} registered`);
  };
  return (
    <>
      <Button onClick={open}>{label}</Button>
      <Modal opened={opened} onClose={close} title="Register a broker" size="lg">
        <CreateBrokerForm onCreated={created} onCancel={close} />
      </Modal>
    </>
  );
}
