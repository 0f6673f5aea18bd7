import { Button, Group, Modal, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';

interface ConfirmButtonProps extends Omit<ButtonProps, 'onClick'> {
  /** What the button and the confirm action say, e.g. "Delete". */
  label: string;
  title: string;
  message: ReactNode;
  onConfirm: () => void;
  'aria-label'?: string;
}

/** A destructive action behind a second click in a dialog, since it cannot be undone. */
export function ConfirmButton({ label, title, message, onConfirm, ...buttonProps }: ConfirmButtonProps) {
  const [opened, { open, close }] = useDisclosure(false);
  const confirm = () => {
    close();
    onConfirm();
  };
  return (
    <>
      <Button color="red" variant="light" size="xs" {...buttonProps} onClick={open}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <Text size="sm">{message}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button color="red" onClick={confirm}>
            {label}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
