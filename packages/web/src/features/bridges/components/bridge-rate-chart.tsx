import { Group, Paper, Text } from '@mantine/core';
import type { RatePoint } from '../hooks/use-rate-history';

const WIDTH = 600;
const HEIGHT = 70;

function path(points: readonly RatePoint[], pick: (p: RatePoint) => number, max: number): string {
  const step = WIDTH / Math.max(1, 59);
  const offset = WIDTH - (points.length - 1) * step;
  return points
    .map(
      (p, i) =>
        `${i === 0 ? 'M' : 'L'}${(offset + i * step).toFixed(1)},${(HEIGHT - 2 - (pick(p) / max) * (HEIGHT - 6)).toFixed(1)}`,
    )
    .join(' ');
}

/** IN and OUT messages per second over the last minute, as two lines (from the polled counters). */
export function BridgeRateChart({ points }: { points: readonly RatePoint[] }) {
  const max = Math.max(1, ...points.map((p) => Math.max(p.inPerSecond, p.outPerSecond)));
  const last = points.at(-1);
  const rate = (n: number | undefined) =>
    n === undefined ? '…' : n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString();
  return (
    <Paper withBorder radius="md" p="sm">
      <Group justify="space-between" mb={4}>
        <Group gap="lg">
          <Text size="sm">
            <Text span c="indigo.6" fw={700}>
              ━
            </Text>{' '}
            in {rate(last?.inPerSecond)}/s
          </Text>
          <Text size="sm">
            <Text span c="teal.6" fw={700}>
              ━
            </Text>{' '}
            out {rate(last?.outPerSecond)}/s
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          messages per second, last minute · peak {rate(max)}
        </Text>
      </Group>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        width="100%"
        height={HEIGHT}
        role="img"
        aria-label={`Rate: in ${rate(last?.inPerSecond)} and out ${rate(last?.outPerSecond)} messages per second`}
        data-testid="bridge-rate-chart"
      >
        <line x1={0} x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} stroke="var(--mantine-color-gray-3)" />
        {points.length > 1 && (
          <>
            <path
              d={path(points, (p) => p.inPerSecond, max)}
              fill="none"
              stroke="var(--mantine-color-indigo-5)"
              strokeWidth={2}
              vectorEffect="non-scaling-stroke"
            />
            <path
              d={path(points, (p) => p.outPerSecond, max)}
              fill="none"
              stroke="var(--mantine-color-teal-5)"
              strokeWidth={2}
              strokeDasharray="4 3"
              vectorEffect="non-scaling-stroke"
            />
          </>
        )}
      </svg>
    </Paper>
  );
}
