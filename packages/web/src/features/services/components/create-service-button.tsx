import { Button, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Service } from '@understudy/contracts';
import { CreateServiceForm } from './create-service-form';

interface CreateServiceButtonProps {
  onCreated: (service: Service) => void;
  label?: string;
}

/** "New service", and the form in a dialog. */
export function CreateServiceButton({ onCreated, label = 'New service' }: CreateServiceButtonProps) {
  const [opened, { open, close }] = useDisclosure(false);
  const created = (service: Service) => {
    close();
    onCreated(service);
  };
  return (
    <>
      <Button onClick={open}>{label}</Button>
      <Modal opened={opened} onClose={close} title="New service" size="lg">
        <CreateServiceForm onCreated={created} onCancel={close} />
      </Modal>
    </>
  );
}
