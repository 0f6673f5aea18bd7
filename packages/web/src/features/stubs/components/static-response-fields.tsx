import { Group, NumberInput, SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import type { BodyType, DelayKind, StaticForm } from '../utils/response-form';
import type { ErrorAt } from './error-at';
import { HeaderRowsField } from './header-rows-field';

const BODY_TYPES: { value: BodyType; label: string }[] = [
  { value: 'json', label: 'JSON' },
  { value: 'text', label: 'Text' },
  { value: 'base64', label: 'Binary (base64)' },
  { value: 'none', label: 'No body' },
];
const DELAYS: { value: DelayKind; label: string }[] = [
  { value: 'none', label: 'No delay' },
  { value: 'fixed', label: 'Fixed' },
  { value: 'random', label: 'Random' },
];
const FAULTS = [
  { value: '', label: 'None: answer normally' },
  { value: 'connection-reset', label: 'Reset the connection' },
  { value: 'empty-response', label: 'Close without answering' },
];

interface StaticResponseFieldsProps {
  value: StaticForm;
  onChange: (value: StaticForm) => void;
  errorAt: ErrorAt;
}

/** A constant answer: status, headers, body, delay, and a fault to test how clients cope. */
export function StaticResponseFields({ value, onChange, errorAt }: StaticResponseFieldsProps) {
  const set = (change: Partial<StaticForm>) => onChange({ ...value, ...change });
  const ms = (v: string | number) => (typeof v === 'number' ? v : '');
  const bodyPointer = value.bodyType === 'json' ? '/body/response/body' : `/body/response/${value.bodyType}`;

  return (
    <Stack gap="md">
      <NumberInput
        label="Status"
        placeholder="200"
        min={100}
        max={599}
        allowDecimal={false}
        value={value.status}
        onChange={(status) => set({ status: ms(status) })}
        error={errorAt('/body/response/status')}
        w={120}
      />
      <HeaderRowsField rows={value.headers} onChange={(headers) => set({ headers })} errorAt={errorAt} />
      <Stack gap={6}>
        <Group justify="space-between">
          <Text size="sm" fw={500}>
            Body
          </Text>
          <SegmentedControl
            aria-label="Body type"
            size="xs"
            data={BODY_TYPES}
            value={value.bodyType}
            onChange={(bodyType) => set({ bodyType: bodyType as BodyType })}
          />
        </Group>
        {value.bodyType !== 'none' && (
          <Textarea
            aria-label="Response body"
            autosize
            minRows={4}
            maxRows={20}
            value={value.body}
            onChange={(event) => set({ body: event.currentTarget.value })}
            error={errorAt(bodyPointer)}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
        )}
      </Stack>
      <Group align="flex-start" gap="sm">
        <Select
          label="Delay"
          data={DELAYS}
          value={value.delay}
          onChange={(delay) => delay && set({ delay: delay as DelayKind })}
          allowDeselect={false}
          error={value.delay === 'none' ? errorAt('/body/response/delayMs') : undefined}
          w={140}
        />
        {value.delay === 'fixed' && (
          <NumberInput
            label="Milliseconds"
            min={0}
            allowDecimal={false}
            value={value.delayMs}
            onChange={(v) => set({ delayMs: ms(v) })}
            error={errorAt('/body/response/delayMs')}
            w={140}
          />
        )}
        {value.delay === 'random' && (
          <>
            <NumberInput
              label="Shortest (ms)"
              min={0}
              allowDecimal={false}
              value={value.delayMin}
              onChange={(v) => set({ delayMin: ms(v) })}
              error={errorAt('/body/response/delayMs')}
              w={140}
            />
            <NumberInput
              label="Longest (ms)"
              min={0}
              allowDecimal={false}
              value={value.delayMax}
              onChange={(v) => set({ delayMax: ms(v) })}
              w={140}
            />
          </>
        )}
        <Select
          label="Fault"
          data={FAULTS}
          value={value.fault}
          onChange={(fault) => set({ fault: (fault ?? '') as StaticForm['fault'] })}
          allowDeselect={false}
          error={errorAt('/body/response/fault')}
          w={240}
        />
      </Group>
    </Stack>
  );
}
