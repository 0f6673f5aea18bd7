import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** What a first-time user sees: what a queue mock is, and what to do first. */
export function QueueMocksEmptyState({ action, hasBrokers }: { action: ReactNode; hasBrokers: boolean }) {
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack gap="sm" maw={640}>
        <Title order={3}>No queue mocks yet</Title>
        <Text>
          A <b>queue mock</b> reads every message that arrives in a queue on one of your brokers, keeps it,
          and shows it here live. You can publish into the queue from this page, and let it answer
          request/reply traffic.
        </Text>
        {!hasBrokers && (
          <Text size="sm" c="dimmed">
            First register the broker the queue lives on, on the Brokers page.
          </Text>
        )}
        <div>{action}</div>
      </Stack>
    </Paper>
  );
}
