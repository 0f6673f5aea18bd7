import { Button, Center, Group, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { servicePaths } from '../../../config/paths';
import { useStubs } from '../api/get-stubs';
import { byPriorityThenNewest } from '../utils/describe-stub';
import { StubRow } from './stub-row';

interface StubsPanelProps {
  service: string;
  canEdit: boolean;
}

/** The Stubs tab: every stub of the service, the highest priority first. */
export function StubsPanel({ service, canEdit }: StubsPanelProps) {
  const stubs = useStubs(service);
  const newStub = (
    <Button component={Link} to={servicePaths.newStub(service)} disabled={!canEdit}>
      New stub
    </Button>
  );

  if (stubs.isPending) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading stubs" />
      </Center>
    );
  }
  if (stubs.isError) return <ErrorAlert error={stubs.error} title="Could not load the stubs" />;
  if (stubs.data.items.length === 0) {
    return (
      <Paper withBorder p="xl" radius="md">
        <Stack gap="sm" align="flex-start">
          <Text fw={600}>No stubs yet</Text>
          <Text size="sm" c="dimmed" maw={560}>
            A stub says which requests it answers (method, path, headers, body…) and what to answer: a fixed
            response, one computed by a Python function, or the real upstream. Until there is one, every call
            gets a 404.
          </Text>
          {newStub}
        </Stack>
      </Paper>
    );
  }

  const items = [...stubs.data.items].sort(byPriorityThenNewest);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          When several stubs match a call, the higher priority wins, then the more specific, then the newest.
        </Text>
        {newStub}
      </Group>
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="sm" aria-label="Stubs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={60}>On</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>Request</Table.Th>
                <Table.Th>Response</Table.Th>
                <Table.Th ta="right">Priority</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((stub) => (
                <StubRow key={stub.id} service={service} stub={stub} canEdit={canEdit} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    </Stack>
  );
}
