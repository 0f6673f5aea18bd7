import { Anchor, Badge, Center, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { Bridge } from '@understudy/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { bridgePaths } from '../../../config/paths';
import { useBridges } from '../api/get-bridges';
import { BridgeEndpoints } from './bridge-endpoints';
import { BridgeStatusBadge } from './bridge-status-badge';

const n = (value: number) => value.toLocaleString();

function BridgeRow({ bridge }: { bridge: Bridge }) {
  const { stats } = bridge;
  return (
    <Table.Tr data-testid="bridge-row">
      <Table.Td>
        <Anchor component={Link} to={bridgePaths.detail(bridge.id)} fw={600}>
          {bridge.name}
        </Anchor>
        <Badge size="xs" variant="light" color="grape" ml={6}>
          {bridge.mapper.kind}
        </Badge>
      </Table.Td>
      <Table.Td>
        <BridgeEndpoints bridge={bridge} />
      </Table.Td>
      <Table.Td miw={170}>
        <BridgeStatusBadge status={bridge.status} />
      </Table.Td>
      <Table.Td ta="right" data-testid="bridge-row-in">
        {n(stats.in)}
      </Table.Td>
      <Table.Td ta="right" data-testid="bridge-row-out">
        {n(stats.out)}
      </Table.Td>
      <Table.Td ta="right">{n(stats.dropped)}</Table.Td>
      <Table.Td ta="right">
        <Text
          size="sm"
          c={stats.deadLetters > 0 ? 'red.7' : undefined}
          fw={stats.deadLetters > 0 ? 600 : undefined}
        >
          {n(stats.deadLetters)}
        </Text>
      </Table.Td>
      <Table.Td>{bridge.owner.username}</Table.Td>
    </Table.Tr>
  );
}

/** All bridges with their live status and counters. */
export function BridgesList({ createAction }: { createAction: ReactNode }) {
  const bridges = useBridges();
  if (bridges.isPending) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading bridges" />
      </Center>
    );
  }
  if (bridges.isError) return <ErrorAlert error={bridges.error} title="Could not load the bridges" />;
  if (bridges.data.items.length === 0) {
    return (
      <Paper withBorder radius="md" p="xl">
        <Stack align="center" gap="sm">
          <Title order={4}>No bridges yet</Title>
          <Text c="dimmed" ta="center" maw={520}>
            A bridge reads every message of an IN queue, maps it (as it is, with a JSON template, or with
            Python) and publishes the result to an OUT queue, at least once. Failures are kept for replay.
          </Text>
          {createAction}
        </Stack>
      </Paper>
    );
  }
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="sm" highlightOnHover aria-label="Bridges">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Bridge</Table.Th>
              <Table.Th>IN → OUT</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th ta="right">In</Table.Th>
              <Table.Th ta="right">Out</Table.Th>
              <Table.Th ta="right">Dropped</Table.Th>
              <Table.Th ta="right">Dead letters</Table.Th>
              <Table.Th>Owner</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {bridges.data.items.map((bridge) => (
              <BridgeRow key={bridge.id} bridge={bridge} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
