import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';

interface KeyValueTableProps<V> {
  label: string;
  /** Rows whose value is undefined are left out. */
  values: Readonly<Record<string, V | undefined>>;
  /** How a value reads in its cell. */
  format: (value: V) => string;
  /** Shown instead of the table when there are no rows; nothing by default. */
  empty?: ReactNode;
}

/** Names and values (headers, query parameters, properties…), one per row. */
export function KeyValueTable<V>({ label, values, format, empty = null }: KeyValueTableProps<V>) {
  const rows = Object.entries(values).filter((row): row is [string, V] => row[1] !== undefined);
  if (rows.length === 0) return empty;
  return (
    <Table withTableBorder withColumnBorders fz="xs" aria-label={label} layout="fixed">
      <Table.Tbody>
        {rows.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Td w="32%" ff="monospace" fw={600} style={{ wordBreak: 'break-all' }}>
              {name}
            </Table.Td>
            <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
              {format(value)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** A small dimmed heading above a detail section. */
export function SectionLabel({ children }: { children: string }) {
  return (
    <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="xs">
      {children}
    </Text>
  );
}
