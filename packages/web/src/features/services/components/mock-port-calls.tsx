import { Group, Stack, Text } from '@mantine/core';
import type { Service } from '@understudy/contracts';
import { CopyButton } from '../../../components/ui/copy-button';
import { CopyField } from '../../../components/ui/copy-field';
import { mockPortCalls } from '../utils/mock-port-calls';

/**
 * Where the service answers on the mock port, without the /proxy/{service} prefix: what a client
 * uses when the mock has to sit exactly where the real service's base URL goes.
 */
export function MockPortCalls({ service }: { service: Service }) {
  const calls = mockPortCalls(service);
  if (calls.length === 0) return null;
  if (service.mockPortUrl) {
    return (
      <Stack gap="xs" data-testid="mock-port-calls">
        {calls.map((call) => (
          <CopyField key={call.claim} label={`On the mock port, by ${call.claim}`} value={call.curl ?? ''} />
        ))}
      </Stack>
    );
  }
  // The server did not say which port it is: the claims, to use with whatever --mock-port is.
  return (
    <Stack gap={4} data-testid="mock-port-calls">
      <Text size="sm" fw={500}>
        On the mock port
      </Text>
      <Text size="xs" c="dimmed">
        Port 8081 unless the server was started with --mock-port; no /proxy/{service.name} prefix there.
      </Text>
      {calls.map((call) => (
        <Group key={call.claim} gap="xs">
          <Text size="sm" ff="monospace">
            by {call.claim}
          </Text>
          <CopyButton value={call.value} aria-label={`Copy the ${call.claim}`} />
        </Group>
      ))}
    </Stack>
  );
}
