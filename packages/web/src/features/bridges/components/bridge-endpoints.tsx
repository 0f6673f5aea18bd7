import { Group, Text } from '@mantine/core';
import type { Bridge } from '@understudy/contracts';

/** "local / orders.in → local / orders.out", the OUT side as exchange:routing key when it is one. */
export function BridgeEndpoints({ bridge }: { bridge: Bridge }) {
  const { in: source, out } = bridge;
  const target =
    out.exchange !== undefined ? `${out.exchange || '(default)'} : ${out.routingKey ?? ''}` : out.queue;
  return (
    <Group gap={6}>
      <Text size="sm" ff="monospace" data-testid="bridge-in">
        {source.broker} / {source.queue}
      </Text>
      <Text size="sm" c="dimmed">
        →
      </Text>
      <Text size="sm" ff="monospace" data-testid="bridge-out">
        {out.broker} / {target}
      </Text>
    </Group>
  );
}
