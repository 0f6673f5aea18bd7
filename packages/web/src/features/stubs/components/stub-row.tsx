import { Badge, Button, Group, Switch, Table, Text } from '@mantine/core';
import type { Stub } from '@understudy/contracts';
import { Link } from 'react-router';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { EditLinkButton } from '../../../components/ui/edit-link-button';
import { notifyError } from '../../../components/ui/notify';
import { servicePaths } from '../../../config/paths';
import { formatDateTime } from '../../../lib/format-date';
import { useDeleteStub } from '../api/delete-stub';
import { useUpdateStub } from '../api/update-stub';
import { describeRequest, describeResponse } from '../utils/describe-stub';
import { toStubInput } from '../utils/stub-form';

interface StubRowProps {
  service: string;
  stub: Stub;
  canEdit: boolean;
}

export function StubRow({ service, stub, canEdit }: StubRowProps) {
  const update = useUpdateStub();
  const remove = useDeleteStub();
  const label = stub.name ?? 'Unnamed stub';
  const request = describeRequest(stub);

  const toggle = () =>
    update.mutate(
      { service, id: stub.id, stub: { ...toStubInput(stub), enabled: !stub.enabled } },
      { onError: (error) => notifyError(`Could not ${stub.enabled ? 'disable' : 'enable'} ${label}`, error) },
    );
  const deleteStub = () =>
    remove.mutate(
      { service, id: stub.id },
      { onError: (error) => notifyError(`Could not delete ${label}`, error) },
    );

  return (
    <Table.Tr opacity={stub.enabled ? 1 : 0.6}>
      <Table.Td>
        {canEdit ? (
          <Switch
            aria-label={`${label} enabled`}
            checked={stub.enabled}
            onChange={toggle}
            disabled={update.isPending}
          />
        ) : (
          // A disabled switch reads as "off"; say plainly which it is.
          <Badge variant="light" color={stub.enabled ? 'teal' : 'gray'}>
            {stub.enabled ? 'on' : 'off'}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Text fw={500} fs={stub.name ? undefined : 'italic'}>
          {label}
        </Text>
        <Text size="xs" c="dimmed">
          by {stub.updatedBy}, {formatDateTime(stub.updatedAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Text ff="monospace" size="sm">
            {request.line}
          </Text>
          {request.more > 0 && (
            <Badge variant="outline" color="gray" size="sm">
              +{request.more} more
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{describeResponse(stub)}</Text>
      </Table.Td>
      <Table.Td ta="right">{stub.priority}</Table.Td>
      <Table.Td>
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          <EditLinkButton to={servicePaths.stub(service, stub.id)} canEdit={canEdit} label={label} />
          <Button
            component={Link}
            to={`${servicePaths.newStub(service)}?from=${encodeURIComponent(stub.id)}`}
            variant="default"
            size="xs"
            aria-label={`Duplicate ${label}`}
            disabled={!canEdit}
          >
            Duplicate
          </Button>
          <ConfirmButton
            label="Delete"
            aria-label={`Delete ${label}`}
            title={`Delete ${label}?`}
            message="Calls it answered will get another stub's answer, or a 404. This cannot be undone."
            onConfirm={deleteStub}
            loading={remove.isPending}
            disabled={!canEdit}
          />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
