import { Badge, Button, Group, Select, Table, Text } from '@mantine/core';
import type { Role, User } from '@understudy/contracts';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { notifyError, notifySuccess } from '../../../components/ui/notify';
import { formatDateTime } from '../../../lib/format-date';
import { useDeleteUser } from '../api/delete-user';
import { useUpdateUser } from '../api/update-user';

const ROLES: { value: Role; label: string }[] = [
  { value: 'admin', label: 'Admin' },
  { value: 'member', label: 'Member' },
];

function isRole(value: string | null): value is Role {
  return value === 'admin' || value === 'member';
}

interface UserRowProps {
  user: User;
  /** Admins can't demote, disable or delete themselves here, so nobody locks the last admin out by a slip. */
  isSelf: boolean;
}

export function UserRow({ user, isSelf }: UserRowProps) {
  const update = useUpdateUser();
  const remove = useDeleteUser();
  const busy = update.isPending || remove.isPending;

  const changeRole = (value: string | null) => {
    if (!isRole(value) || value === user.role) return;
    update.mutate(
      { id: user.id, patch: { role: value } },
      { onError: (error) => notifyError(`Could not change the role of ${user.username}`, error) },
    );
  };
  const toggleDisabled = () => {
    const disabled = !user.disabled;
    update.mutate(
      { id: user.id, patch: { disabled } },
      {
        onSuccess: () => notifySuccess(`${user.username} is now ${disabled ? 'disabled' : 'enabled'}`),
        onError: (error) =>
          notifyError(`Could not ${disabled ? 'disable' : 'enable'} ${user.username}`, error),
      },
    );
  };
  const deleteUser = () =>
    remove.mutate(user.id, {
      onSuccess: () => notifySuccess(`${user.username} was deleted`),
      onError: (error) => notifyError(`Could not delete ${user.username}`, error),
    });

  return (
    <Table.Tr>
      <Table.Td>
        <Group gap="xs">
          <Text fw={500}>{user.username}</Text>
          {isSelf && <Badge variant="outline">you</Badge>}
        </Group>
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={`Role of ${user.username}`}
          data={ROLES}
          value={user.role}
          onChange={changeRole}
          allowDeselect={false}
          disabled={isSelf || busy}
          w={130}
          size="xs"
        />
      </Table.Td>
      <Table.Td>
        <Badge color={user.disabled ? 'orange' : 'green'} variant="light">
          {user.disabled ? 'Disabled' : 'Active'}
        </Badge>
      </Table.Td>
      <Table.Td>{formatDateTime(user.createdAt)}</Table.Td>
      <Table.Td>
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          <Button
            variant="default"
            size="xs"
            onClick={toggleDisabled}
            disabled={isSelf}
            loading={update.isPending}
          >
            {user.disabled ? 'Enable' : 'Disable'}
          </Button>
          <ConfirmButton
            label="Delete"
            aria-label={`Delete ${user.username}`}
            title={`Delete ${user.username}?`}
            message="The account and its sessions and API tokens are removed. This cannot be undone."
            onConfirm={deleteUser}
            disabled={isSelf}
            loading={remove.isPending}
          />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
