import { Center, Loader, Paper, Table, Text } from '@mantine/core';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { notifyError, notifySuccess } from '../../../components/ui/notify';
import { formatDateTime } from '../../../lib/format-date';
import { useTokens } from '../api/get-tokens';
import { useRevokeToken } from '../api/revoke-token';

export function TokensTable() {
  const tokens = useTokens();
  const revoke = useRevokeToken();

  if (tokens.isPending) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading tokens" />
      </Center>
    );
  }
  if (tokens.isError) return <ErrorAlert error={tokens.error} title="Could not load your tokens" />;
  if (tokens.data.items.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        You have no API tokens yet.
      </Text>
    );
  }

  const revokeToken = (id: string, name: string) =>
    revoke.mutate(id, {
      onSuccess: () => notifySuccess(`Token "${name}" was revoked`),
      onError: (error) => notifyError(`Could not revoke "${name}"`, error),
    });

  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens.data.items.map((token) => (
              <Table.Tr key={token.id}>
                <Table.Td fw={500}>{token.name}</Table.Td>
                <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
                <Table.Td>{formatDateTime(token.lastUsedAt, 'Never')}</Table.Td>
                <Table.Td ta="right">
                  <ConfirmButton
                    label="Revoke"
                    aria-label={`Revoke ${token.name}`}
                    title={`Revoke "${token.name}"?`}
                    message="Scripts using this token will get 401 from now on. This cannot be undone."
                    onConfirm={() => revokeToken(token.id, token.name)}
                    loading={revoke.isPending && revoke.variables === token.id}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
