import { Center, Loader, Paper, Table } from '@mantine/core';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { useUsers } from '../api/get-users';
import { UserRow } from './user-row';

interface UsersTableProps {
  currentUserId: string;
}

export function UsersTable({ currentUserId }: UsersTableProps) {
  const users = useUsers();

  if (users.isPending) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading users" />
      </Center>
    );
  }
  if (users.isError) return <ErrorAlert error={users.error} title="Could not load the users" />;

  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Username</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.data.items.map((user) => (
              <UserRow key={user.id} user={user} isSelf={user.id === currentUserId} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
