import { List, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** What a first-time user sees: what a broker is for, and the button that starts. */
export function BrokersEmptyState({ action }: { action: ReactNode }) {
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack gap="sm" maw={640}>
        <Title order={3}>No brokers yet</Title>
        <Text>
          A <b>broker</b> is a message server your code talks to. Register it once, with its URL and
          credentials, and Understudy keeps one connection to it, whatever the number of queues it reads.
          Then:
        </Text>
        <List size="sm" spacing={4}>
          <List.Item>
            create <b>queue mocks</b> on it: every message arriving in the queue is kept and shown live;
          </List.Item>
          <List.Item>publish into those queues, and answer request/reply traffic automatically.</List.Item>
        </List>
        <Text size="sm" c="dimmed">
          RabbitMQ, NATS JetStream, MQTT and Redis Streams are supported. Passwords are stored encrypted and
          never shown again.
        </Text>
        <div>{action}</div>
      </Stack>
    </Paper>
  );
}
