import { Paper, Stack } from '@mantine/core';
import { PageHeader } from '../../components/ui/page-header';
import { CreateTokenForm } from '../../features/tokens/components/create-token-form';
import { TokensTable } from '../../features/tokens/components/tokens-table';

export function TokensRoute() {
  return (
    <Stack gap="lg">
      <PageHeader
        title="API tokens"
        description="Tokens let scripts and CI call the admin API as you. Revoke one as soon as it is not needed."
      />
      <Paper withBorder p="md" radius="md">
        <CreateTokenForm />
      </Paper>
      <TokensTable />
    </Stack>
  );
}
