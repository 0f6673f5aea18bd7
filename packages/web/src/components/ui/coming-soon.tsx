import { Paper, Stack, Text, Title } from '@mantine/core';

interface ComingSoonProps {
  title: string;
  description: string;
}

/** A placeholder page for an area whose screens are not built yet. */
export function ComingSoon({ title, description }: ComingSoonProps) {
  return (
    <Stack gap="md">
      <Title order={2}>{title}</Title>
      <Paper withBorder p="lg" radius="md">
        <Text fw={600}>Coming soon</Text>
        <Text c="dimmed" mt={4}>
          {description}
        </Text>
      </Paper>
    </Stack>
  );
}
