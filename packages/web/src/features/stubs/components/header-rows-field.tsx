import { Button, CloseButton, Group, Input, Stack, TextInput } from '@mantine/core';
import { emptyHeaderRow, responseHeaderPointer, type HeaderRow } from '../utils/response-form';
import type { ErrorAt } from './error-at';

interface HeaderRowsFieldProps {
  rows: HeaderRow[];
  onChange: (rows: HeaderRow[]) => void;
  errorAt: ErrorAt;
}

/** Response headers, one name and value per row; a name given twice is sent twice. */
export function HeaderRowsField({ rows, onChange, errorAt }: HeaderRowsFieldProps) {
  const update = (key: string, change: Partial<HeaderRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  return (
    <Input.Wrapper label="Headers" description="Content-Type follows the body type unless you set it here">
      <Stack gap={6} mt={6}>
        {rows.map((row, index) => (
          <Group key={row.key} gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              aria-label={`Response header ${index + 1} name`}
              placeholder="content-type"
              value={row.name}
              onChange={(event) => update(row.key, { name: event.currentTarget.value })}
              style={{ flex: 2 }}
            />
            <TextInput
              aria-label={`Response header ${index + 1} value`}
              value={row.value}
              onChange={(event) => update(row.key, { value: event.currentTarget.value })}
              error={errorAt(responseHeaderPointer(row.name))}
              style={{ flex: 3 }}
            />
            <CloseButton
              aria-label={`Remove response header ${index + 1}`}
              onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
              mt={4}
            />
          </Group>
        ))}
        <div>
          <Button variant="subtle" size="compact-sm" onClick={() => onChange([...rows, emptyHeaderRow()])}>
            + Add header
          </Button>
        </div>
      </Stack>
    </Input.Wrapper>
  );
}
