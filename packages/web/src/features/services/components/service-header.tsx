import { Anchor, Breadcrumbs, Button, Group, Modal, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Service } from '@understudy/contracts';
import { Link, useNavigate } from 'react-router';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { CopyField } from '../../../components/ui/copy-field';
import { notifyError, notifySuccess } from '../../../components/ui/notify';
import { paths } from '../../../config/paths';
import { useDeleteService } from '../api/delete-service';
import { EditServiceForm } from './edit-service-form';
import { MockPortCalls } from './mock-port-calls';
import { ModeBadge } from './mode-badge';
import { ModeSwitch } from './mode-switch';

interface ServiceHeaderProps {
  service: Service;
  /** The owner and admins may change the service; everyone signed in may look. */
  canEdit: boolean;
}

/** The URLs to call (main port and mock port), the mode switch, and edit/delete. */
export function ServiceHeader({ service, canEdit }: ServiceHeaderProps) {
  const [editing, { open: openEdit, close: closeEdit }] = useDisclosure(false);
  const remove = useDeleteService();
  const navigate = useNavigate();
  const notAllowed = canEdit
    ? null
    : `Only ${service.owner.username} (the owner) or an admin can change this`;

  const deleteService = () =>
    remove.mutate(service.name, {
      onSuccess: async () => {
        await navigate(paths.services, { replace: true });
        notifySuccess(`Service ${service.name} was deleted`);
      },
      onError: (error) => notifyError(`Could not delete ${service.name}`, error),
    });

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to={paths.services} size="sm">
          Services
        </Anchor>
        <Text size="sm">{service.name}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>{service.name}</Title>
            <ModeBadge mode={service.mode} />
          </Group>
          {service.description && <Text c="dimmed">{service.description}</Text>}
          <Text size="xs" c="dimmed">
            Owned by {service.owner.username}
            {!canEdit && `. Only ${service.owner.username} or an admin can change it.`}
          </Text>
        </Stack>
        <Tooltip label={notAllowed} disabled={canEdit}>
          <Group gap="xs" wrap="nowrap">
            <Button variant="default" size="xs" onClick={openEdit} disabled={!canEdit}>
              Edit
            </Button>
            <ConfirmButton
              label="Delete"
              aria-label={`Delete ${service.name}`}
              title={`Delete ${service.name}?`}
              message="The service, its stubs and its journal are removed. Clients calling it get 404. This cannot be undone."
              onConfirm={deleteService}
              loading={remove.isPending}
              disabled={!canEdit}
            />
          </Group>
        </Tooltip>
      </Group>
      <CopyField label="Call it" value={`curl -i ${service.url}/`} />
      <MockPortCalls service={service} />
      <ModeSwitch key={service.name} service={service} canEdit={canEdit} />
      <Modal opened={editing} onClose={closeEdit} title={`Edit ${service.name}`} size="lg">
        <EditServiceForm service={service} onDone={closeEdit} />
      </Modal>
    </Stack>
  );
}
