import { Code, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** What a first-time user sees: what a service is, and the one button that starts. */
export function ServicesEmptyState({ action }: { action: ReactNode }) {
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack gap="sm" maw={640}>
        <Title order={3}>No services yet</Title>
        <Text>
          A <b>service</b> stands in for an HTTP API your code depends on, such as a payments or an orders
          service. Your application calls Understudy instead of the real thing, at{' '}
          <Code>/proxy/&lt;service&gt;/…</Code>, and the service answers with:
        </Text>
        <List size="sm" spacing={4}>
          <List.Item>
            <b>stubs</b>: a condition on the request (method, path, headers, body) and the response to give,
            constant or computed by a small Python function;
          </List.Item>
          <List.Item>
            or the <b>real upstream</b>, in proxy mode, when you want the real answers again.
          </List.Item>
        </List>
        <Text size="sm" c="dimmed">
          Every call is kept in the service's journal, and a call that no stub matches shows which stub came
          closest and why it did not match.
        </Text>
        <div>{action}</div>
      </Stack>
    </Paper>
  );
}
