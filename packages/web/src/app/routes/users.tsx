import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/ui/page-header';
import { useMe } from '../../features/auth/api/get-me';
import { RequireAdmin } from '../../features/auth/components/require-admin';
import { UsersTable } from '../../features/users/components/users-table';

export function UsersRoute() {
  const me = useMe();
  return (
    <Stack gap="lg">
      <PageHeader
        title="Users"
        description="Everyone who can sign in. Admins manage users; members manage their own services."
      />
      <RequireAdmin>{me.data && <UsersTable currentUserId={me.data.id} />}</RequireAdmin>
    </Stack>
  );
}
