import { NumberInput, SimpleGrid } from '@mantine/core';
import type { QueueRetention } from '@understudy/contracts';

export type RetentionValue = Record<keyof QueueRetention, number | ''>;

export const toRetention = (value: RetentionValue): QueueRetention =>
  Object.fromEntries(Object.entries(value).filter(([, n]) => n !== '')) as QueueRetention;

interface RetentionFieldsProps {
  value: RetentionValue;
  onChange: (value: RetentionValue) => void;
  errorOf: (key: keyof QueueRetention) => string | undefined;
}

/** How many messages, and how old, Understudy keeps; the broker's queue is not affected. */
export function RetentionFields({ value, onChange, errorOf }: RetentionFieldsProps) {
  const set = (key: keyof QueueRetention, input: string | number) =>
    onChange({ ...value, [key]: typeof input === 'number' ? input : '' });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <NumberInput
        label="Keep at most (messages)"
        description="The oldest go first (default 10,000)"
        placeholder="10000"
        min={1}
        allowDecimal={false}
        thousandSeparator=","
        value={value.maxMessages}
        onChange={(input) => set('maxMessages', input)}
        error={errorOf('maxMessages')}
      />
      <NumberInput
        label="Keep for (hours)"
        description="Older messages are forgotten (default 168)"
        placeholder="168"
        min={1}
        allowDecimal={false}
        value={value.maxAgeHours}
        onChange={(input) => set('maxAgeHours', input)}
        error={errorOf('maxAgeHours')}
      />
    </SimpleGrid>
  );
}
