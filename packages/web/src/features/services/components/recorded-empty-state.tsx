import { Code, List, Paper, Stack, Text } from '@mantine/core';
import type { Service } from '@understudy/contracts';

/** No recordings yet: how to make some, given where the service stands. */
export function RecordedEmptyState({ service }: { service: Service }) {
  const recording = service.proxy.record && service.mode !== 'mock';
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack gap="sm" maw={680}>
        <Text fw={600}>{recording ? 'Recording: no calls yet' : 'No recordings yet'}</Text>
        {recording ? (
          <Text size="sm">
            Call the service at <Code>{service.url}/…</Code>. Each new call the upstream answers shows up here
            as a disabled stub.
          </Text>
        ) : (
          <>
            <Text size="sm">
              Develop against the real service once, then run without it. Recording turns what the upstream
              answers into stubs:
            </Text>
            <List size="sm" type="ordered" spacing={4}>
              <List.Item>set the upstream and switch the service to proxy (or partial) mode;</List.Item>
              <List.Item>
                press Start recording, and call the service at <Code>{service.url}/…</Code>;
              </List.Item>
              <List.Item>enable the recordings here, and switch to mock mode.</List.Item>
            </List>
          </>
        )}
      </Stack>
    </Paper>
  );
}
