import { Text } from '@mantine/core';
import { KeyValueTable } from '../../../components/ui/key-value-table';
import { headerText } from '../utils/message-body';

interface ValuesTableProps {
  label: string;
  values: Record<string, unknown>;
}

/** Headers or properties, one per row; says so when there are none. */
export function ValuesTable({ label, values }: ValuesTableProps) {
  return (
    <KeyValueTable
      label={label}
      values={values}
      format={headerText}
      empty={
        <Text size="sm" c="dimmed">
          None
        </Text>
      }
    />
  );
}
