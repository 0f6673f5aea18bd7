import { Table, Text } from '@mantine/core';
import { headerText } from '../utils/message-body';

interface ValuesTableProps {
  label: string;
  values: Record<string, unknown>;
}

/** Headers or properties, one per row; says so when there are none. */
export function ValuesTable({ label, values }: ValuesTableProps) {
  const rows = Object.entries(values).filter(([, value]) => value !== undefined);
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        None
      </Text>
    );
  }
  return (
    <Table withTableBorder withColumnBorders fz="xs" aria-label={label} layout="fixed">
      <Table.Tbody>
        {rows.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Td w="32%" ff="monospace" fw={600} style={{ wordBreak: 'break-all' }}>
              {name}
            </Table.Td>
            <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
              {headerText(value)}
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
