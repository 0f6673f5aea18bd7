import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { BridgeStats } from '@understudy/contracts';

const CELLS: Array<{ key: keyof BridgeStats; label: string; hint: string; alarm?: boolean }> = [
  { key: 'in', label: 'In', hint: 'IN messages handled and acked' },
  { key: 'out', label: 'Out', hint: 'OUT messages confirmed' },
  { key: 'dropped', label: 'Dropped', hint: 'the mapper returned None' },
  { key: 'deadLetters', label: 'Dead letters', hint: 'kept now, to inspect and replay', alarm: true },
  { key: 'inFlight', label: 'In flight', hint: 'read, not yet acked' },
];

/** The live counters of a bridge, as big numbers. */
export function BridgeCounters({ stats }: { stats: BridgeStats }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
      {CELLS.map(({ key, label, hint, alarm }) => (
        <Paper key={key} withBorder radius="md" p="sm">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {label}
          </Text>
          <Text
            fz={26}
            fw={700}
            c={alarm && stats[key] > 0 ? 'red.7' : undefined}
            data-testid={`bridge-count-${key}`}
          >
            {stats[key].toLocaleString()}
          </Text>
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
