import { Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import type { NearMiss } from '@understudy/contracts';

/** For a call no stub matched: the closest stubs, and for each what differed. */
export function NearMissesView({ nearMisses }: { nearMisses: readonly NearMiss[] }) {
  if (nearMisses.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        The service had no enabled stub to compare this call with.
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid="near-misses">
      {nearMisses.map((miss) => (
        <Paper key={miss.stubId} withBorder p="sm" radius="md">
          <Group justify="space-between" mb={6}>
            <Text fw={600} size="sm" fs={miss.name ? undefined : 'italic'}>
              {miss.name ?? 'Unnamed stub'}
            </Text>
            <Badge variant="light" color="gray" title={`distance ${miss.distance.toFixed(3)}`}>
              {Math.round((1 - miss.distance) * 100)}% alike
            </Badge>
          </Group>
          <Table
            fz="xs"
            withTableBorder
            layout="fixed"
            aria-label={`What differed from ${miss.name ?? 'the stub'}`}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="26%">Field</Table.Th>
                <Table.Th>Stub expects</Table.Th>
                <Table.Th>Call had</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {miss.diffs.map((diff) => (
                <Table.Tr key={`${diff.field}:${diff.expected}`}>
                  <Table.Td ff="monospace" fw={600} style={{ wordBreak: 'break-all' }}>
                    {diff.field}
                  </Table.Td>
                  <Table.Td ff="monospace" c="teal.8" style={{ wordBreak: 'break-all' }}>
                    {diff.expected}
                  </Table.Td>
                  <Table.Td ff="monospace" c="red.8" style={{ wordBreak: 'break-all' }}>
                    {diff.actual ?? (
                      <Text span fs="italic" fz="xs" c="dimmed">
                        absent
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ))}
    </Stack>
  );
}
