import { Table, Text } from '@mantine/core';

interface KeyValueTableProps {
  label: string;
  values: Record<string, string | readonly string[]>;
}

/** Headers or query parameters, one per row; nothing at all when there are none. */
export function KeyValueTable({ label, values }: KeyValueTableProps) {
  const rows = Object.entries(values);
  if (rows.length === 0) return null;
  return (
    <Table withTableBorder withColumnBorders fz="xs" aria-label={label} layout="fixed">
      <Table.Tbody>
        {rows.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Td w="32%" ff="monospace" fw={600} style={{ wordBreak: 'break-all' }}>
              {name}
            </Table.Td>
            <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
              {typeof value === 'string' ? value : value.join(', ')}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function SectionLabel({ children }: { children: string }) {
  return (
    <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="xs">
      {children}
    </Text>
  );
}
