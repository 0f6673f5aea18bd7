import { Badge, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import type { Bridge } from '@understudy/contracts';
import { useHops } from '../api/get-hops';
import { useTryMapper } from '../api/try-mapper';
import { useRateHistory } from '../hooks/use-rate-history';
import { BridgeActions } from './bridge-actions';
import { BridgeCounters } from './bridge-counters';
import { BridgeEndpoints } from './bridge-endpoints';
import { BridgeRateChart } from './bridge-rate-chart';
import { BridgeStatusBadge } from './bridge-status-badge';
import { DeadLettersPanel } from './dead-letters-panel';
import { HopsPanel } from './hops-panel';
import { MapperTryPanel } from './mapper-try-panel';

interface BridgePageProps {
  bridge: Bridge;
  /** When the counters were read (the query's update time), for the rate chart. */
  readAt: number;
  canEdit: boolean;
}

function TryTab({ bridge }: { bridge: Bridge }) {
  const tryIt = useTryMapper();
  const recent = useHops(bridge.id).data?.items.map((hop) => hop.input) ?? [];
  return (
    <MapperTryPanel
      mapper={{ ok: true, mapper: bridge.mapper }}
      onRun={(mapper, message) => tryIt.mutate({ mapper, message })}
      running={tryIt.isPending}
      result={tryIt.data}
      error={tryIt.error}
      recent={recent}
    />
  );
}

/** One bridge: status, live counters and rate, last hops, dead letters, and a Try panel. */
export function BridgePage({ bridge, readAt, canEdit }: BridgePageProps) {
  const { stats } = bridge;
  const points = useRateHistory({ at: readAt, in: stats.in, out: stats.out });
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Group gap="sm">
            <Title order={2}>{bridge.name}</Title>
            <Badge variant="light" color="grape">
              {bridge.mapper.kind} mapper
            </Badge>
            <Text size="sm" c="dimmed">
              concurrency {bridge.concurrency} · {bridge.retry.attempts} attempt(s)
            </Text>
          </Group>
          <BridgeEndpoints bridge={bridge} />
          <BridgeStatusBadge status={bridge.status} />
        </Stack>
        <BridgeActions bridge={bridge} canEdit={canEdit} />
      </Group>
      <BridgeCounters stats={stats} />
      <BridgeRateChart points={points} />
      <Paper withBorder radius="md" p="sm">
        <Tabs defaultValue="hops" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="hops">Last hops</Tabs.Tab>
            <Tabs.Tab
              value="dead"
              rightSection={
                stats.deadLetters > 0 ? (
                  <Badge size="xs" color="red">
                    {stats.deadLetters}
                  </Badge>
                ) : null
              }
            >
              Dead letters
            </Tabs.Tab>
            <Tabs.Tab value="try">Try the mapper</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="hops" pt="sm">
            <HopsPanel bridgeId={bridge.id} />
          </Tabs.Panel>
          <Tabs.Panel value="dead" pt="sm">
            <DeadLettersPanel bridgeId={bridge.id} canEdit={canEdit} />
          </Tabs.Panel>
          <Tabs.Panel value="try" pt="sm">
            <TryTab bridge={bridge} />
          </Tabs.Panel>
        </Tabs>
      </Paper>
    </Stack>
  );
}
