import { Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IgnoreCaseCheckbox } from './ignore-case-checkbox';
import { OPERATOR_LABELS, TEXT_OPERATORS, isTextOperator, type TextOperator } from '../utils/conditions';
import type { BodyCondition, BodyKind } from '../utils/request-form';

const KIND_OPTIONS: { value: BodyKind; label: string }[] = [
  { value: 'none', label: 'Any body' },
  { value: 'equalsJson', label: 'JSON equals' },
  { value: 'matchesJson', label: 'JSON contains' },
  { value: 'jsonPath', label: 'JSONPath' },
  { value: 'text', label: 'Text' },
];
const KIND_HELP: Record<BodyKind, string> = {
  none: '',
  equalsJson: 'The body is exactly this JSON (key order does not matter).',
  matchesJson:
    'The body has at least these keys and values; objects may have more keys, arrays more elements.',
  jsonPath:
    'A value picked from the JSON body, e.g. $.type or $.items[0].sku. Equals takes JSON or plain text.',
  text: 'The raw body as text.',
};
const OPERATOR_OPTIONS = TEXT_OPERATORS.map((value) => ({ value, label: OPERATOR_LABELS[value] }));

interface BodyConditionFieldProps {
  value: BodyCondition;
  onChange: (value: BodyCondition) => void;
  error: string | undefined;
}

/** The body condition: JSON equality, JSON subset, a JSONPath with an operator, or text. */
export function BodyConditionField({ value, onChange, error }: BodyConditionFieldProps) {
  const set = (change: Partial<BodyCondition>) => onChange({ ...value, ...change });
  const operand =
    value.operator === 'exists' ? (
      <Select
        aria-label="Body value"
        data={[
          { value: 'true', label: 'yes' },
          { value: 'false', label: 'no (absent)' },
        ]}
        value={value.value === 'false' ? 'false' : 'true'}
        onChange={(v) => set({ value: v ?? 'true' })}
        allowDeselect={false}
        error={error}
        style={{ flex: 1 }}
      />
    ) : (
      <TextInput
        aria-label="Body value"
        value={value.value}
        onChange={(event) => set({ value: event.currentTarget.value })}
        error={error}
        style={{ flex: 1 }}
      />
    );

  return (
    <Stack gap={6}>
      <Select
        label="Body"
        data={KIND_OPTIONS}
        value={value.kind}
        onChange={(kind) => kind && set({ kind: kind as BodyKind })}
        allowDeselect={false}
        maw={220}
        error={value.kind === 'none' ? error : undefined}
      />
      {KIND_HELP[value.kind] && (
        <Text size="xs" c="dimmed">
          {KIND_HELP[value.kind]}
        </Text>
      )}
      {(value.kind === 'equalsJson' || value.kind === 'matchesJson') && (
        <Textarea
          aria-label="Body JSON"
          autosize
          minRows={3}
          maxRows={16}
          placeholder='{ "type": "express" }'
          value={value.json}
          onChange={(event) => set({ json: event.currentTarget.value })}
          error={error}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
      )}
      {(value.kind === 'jsonPath' || value.kind === 'text') && (
        <Group gap="xs" align="flex-start" wrap="nowrap">
          {value.kind === 'jsonPath' && (
            <TextInput
              aria-label="JSONPath"
              placeholder="$.type"
              value={value.jsonPath}
              onChange={(event) => set({ jsonPath: event.currentTarget.value })}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              style={{ flex: 1 }}
            />
          )}
          <Select
            aria-label="Body operator"
            data={OPERATOR_OPTIONS}
            value={value.operator}
            onChange={(operator) => operator && set({ operator: operator as TextOperator })}
            allowDeselect={false}
            w={140}
          />
          {operand}
          <IgnoreCaseCheckbox
            of="Body"
            checked={isTextOperator(value.operator) && value.caseInsensitive}
            disabled={!isTextOperator(value.operator)}
            onChange={(caseInsensitive) => set({ caseInsensitive })}
          />
        </Group>
      )}
    </Stack>
  );
}
