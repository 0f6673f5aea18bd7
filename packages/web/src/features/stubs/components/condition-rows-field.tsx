import { Button, CloseButton, Group, Input, Select, Stack, TextInput } from '@mantine/core';
import { IgnoreCaseCheckbox } from './ignore-case-checkbox';
import { pointerToken } from '../../../lib/error-pointers';
import {
  OPERATOR_LABELS,
  TEXT_OPERATORS,
  emptyRow,
  isTextOperator,
  type ConditionRow,
  type TextOperator,
} from '../utils/conditions';
import type { ErrorAt } from './error-at';

const OPERATOR_OPTIONS = TEXT_OPERATORS.map((value) => ({ value, label: OPERATOR_LABELS[value] }));
const EXISTS_OPTIONS = [
  { value: 'true', label: 'yes' },
  { value: 'false', label: 'no (absent)' },
];

interface ConditionRowsFieldProps {
  /** "Header" or "Query parameter": names the inputs of each row. */
  noun: string;
  label: string;
  description: string;
  namePlaceholder: string;
  rows: ConditionRow[];
  onChange: (rows: ConditionRow[]) => void;
  /** Where the server points for this map, e.g. /body/request/headers. */
  pointer: string;
  errorAt: ErrorAt;
}

/** Conditions on named values (query parameters, headers): one row of name, operator and value each. */
export function ConditionRowsField(props: ConditionRowsFieldProps) {
  const { noun, label, description, namePlaceholder, rows, onChange, pointer, errorAt } = props;
  const update = (key: string, change: Partial<ConditionRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const remove = (key: string) => onChange(rows.filter((row) => row.key !== key));
  const setOperator = (row: ConditionRow, operator: TextOperator) =>
    update(row.key, { operator, ...(operator === 'exists' && { value: 'true' }) });

  return (
    <Input.Wrapper label={label} description={description}>
      <Stack gap={6} mt={6}>
        {rows.map((row, index) => {
          const n = `${noun} ${index + 1}`;
          const error = errorAt(`${pointer}/${pointerToken(row.name.trim())}`);
          return (
            <Group key={row.key} gap="xs" align="flex-start" wrap="nowrap">
              <TextInput
                aria-label={`${n} name`}
                placeholder={namePlaceholder}
                value={row.name}
                onChange={(event) => update(row.key, { name: event.currentTarget.value })}
                style={{ flex: 2 }}
              />
              <Select
                aria-label={`${n} operator`}
                data={OPERATOR_OPTIONS}
                value={row.operator}
                onChange={(value) => value && setOperator(row, value as TextOperator)}
                allowDeselect={false}
                w={140}
              />
              {row.operator === 'exists' ? (
                <Select
                  aria-label={`${n} value`}
                  data={EXISTS_OPTIONS}
                  value={row.value === 'false' ? 'false' : 'true'}
                  onChange={(value) => update(row.key, { value: value ?? 'true' })}
                  allowDeselect={false}
                  error={error}
                  style={{ flex: 3 }}
                />
              ) : (
                <TextInput
                  aria-label={`${n} value`}
                  value={row.value}
                  onChange={(event) => update(row.key, { value: event.currentTarget.value })}
                  error={error}
                  style={{ flex: 3 }}
                />
              )}
              <IgnoreCaseCheckbox
                of={n}
                checked={isTextOperator(row.operator) && row.caseInsensitive}
                disabled={!isTextOperator(row.operator)}
                onChange={(caseInsensitive) => update(row.key, { caseInsensitive })}
              />
              <CloseButton aria-label={`Remove ${n}`} onClick={() => remove(row.key)} mt={4} />
            </Group>
          );
        })}
        <div>
          <Button variant="subtle" size="compact-sm" onClick={() => onChange([...rows, emptyRow()])}>
            + Add {noun.toLowerCase()} condition
          </Button>
        </div>
      </Stack>
    </Input.Wrapper>
  );
}
