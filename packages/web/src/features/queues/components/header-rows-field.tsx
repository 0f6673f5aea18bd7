import { Button, CloseButton, Group, Input, Stack, TextInput } from '@mantine/core';
import { pointerToken } from '../../../lib/error-pointers';
import { emptyHeaderRow, type HeaderRow } from '../utils/header-rows';

interface HeaderRowsFieldProps {
  /** Names the inputs: "Header 1 name", "Reply header 1 value"… */
  label: string;
  description?: string;
  rows: HeaderRow[];
  onChange: (rows: HeaderRow[]) => void;
  /** The server's message for the header named so, if any (its pointer ends in the name). */
  errorOf?: (pointerToken: string) => string | undefined;
}

/** Message headers, one name and value per row; values are sent as strings. */
export function HeaderRowsField({ label, description, rows, onChange, errorOf }: HeaderRowsFieldProps) {
  const update = (key: string, change: Partial<HeaderRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  return (
    <Input.Wrapper label={`${label}s`} description={description}>
      <Stack gap={6} mt={6}>
        {rows.map((row, index) => (
          <Group key={row.key} gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              aria-label={`${label} ${index + 1} name`}
              placeholder="x-tenant"
              value={row.name}
              onChange={(event) => update(row.key, { name: event.currentTarget.value })}
              style={{ flex: 2 }}
            />
            <TextInput
              aria-label={`${label} ${index + 1} value`}
              placeholder="acme"
              value={row.value}
              onChange={(event) => update(row.key, { value: event.currentTarget.value })}
              error={row.name ? errorOf?.(pointerToken(row.name.trim())) : undefined}
              style={{ flex: 3 }}
            />
            <CloseButton
              aria-label={`Remove ${label.toLowerCase()} ${index + 1}`}
              onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
              mt={4}
            />
          </Group>
        ))}
        <div>
          <Button variant="subtle" size="compact-sm" onClick={() => onChange([...rows, emptyHeaderRow()])}>
            + Add {label.toLowerCase()}
          </Button>
        </div>
      </Stack>
    </Input.Wrapper>
  );
}
