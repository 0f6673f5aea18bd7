import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

interface SelectableRowProps {
  selected: boolean;
  /** On click, or Enter while the row has the focus. */
  onSelect: () => void;
  children: ReactNode;
  'data-testid'?: string;
}

/** A table row that opens something: focusable, clickable, highlighted while it is the one open. */
export function SelectableRow({ selected, onSelect, children, ...rest }: SelectableRowProps) {
  return (
    <Table.Tr
      onClick={onSelect}
      onKeyDown={(event) => event.key === 'Enter' && onSelect()}
      tabIndex={0}
      style={{ cursor: 'pointer' }}
      bg={selected ? 'var(--mantine-color-indigo-light)' : undefined}
      data-testid={rest['data-testid']}
    >
      {children}
    </Table.Tr>
  );
}
