import { Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { formatTime } from '../utils/format-time';
import { useQueueStats } from '../api/get-queue-stats';

const WIDTH = 600;
const HEIGHT = 64;
const GAP = 2;

/** Messages per minute over the last hour, as bars; the total kept beside it. */
export function RateChart({ queue }: { queue: string }) {
  const stats = useQueueStats(queue);
  if (!stats.data) return <Skeleton h={HEIGHT + 40} radius="md" />;
  const { perMinute, total } = stats.data;
  const max = Math.max(1, ...perMinute.map((m) => m.count));
  const lastHour = perMinute.reduce((sum, m) => sum + m.count, 0);
  const bar = WIDTH / Math.max(1, perMinute.length);
  const current = perMinute.at(-1)?.count ?? 0;

  return (
    <Paper withBorder radius="md" p="sm">
      <Group justify="space-between" align="flex-end" mb={6} wrap="nowrap">
        <Group gap="xl">
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              Kept
            </Text>
            <Text fw={700} data-testid="queue-total">
              {total.toLocaleString()}
            </Text>
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              Last hour
            </Text>
            <Text fw={700}>{lastHour.toLocaleString()}</Text>
          </Stack>
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              This minute
            </Text>
            <Text fw={700}>{current.toLocaleString()}</Text>
          </Stack>
        </Group>
        <Text size="xs" c="dimmed">
          messages per minute, peak {max.toLocaleString()}
        </Text>
      </Group>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        width="100%"
        height={HEIGHT}
        role="img"
        aria-label={`Messages per minute over the last hour: ${lastHour} in all`}
      >
        <line x1={0} x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} stroke="var(--mantine-color-gray-3)" />
        {perMinute.map((m, index) => {
          const h = m.count === 0 ? 0 : Math.max(2, (m.count / max) * (HEIGHT - 4));
          return (
            <rect
              key={m.minute}
              x={index * bar + GAP / 2}
              y={HEIGHT - h}
              width={Math.max(1, bar - GAP)}
              height={h}
              rx={1}
              fill="var(--mantine-color-indigo-5)"
            >
              <title>{`${formatTime(m.minute)}: ${m.count}`}</title>
            </rect>
          );
        })}
      </svg>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {perMinute[0] ? formatTime(perMinute[0].minute) : ''}
        </Text>
        <Text size="xs" c="dimmed">
          now
        </Text>
      </Group>
    </Paper>
  );
}
