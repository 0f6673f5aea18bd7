import {
  Button,
  Checkbox,
  CloseButton,
  Group,
  Input,
  SegmentedControl,
  Stack,
  TextInput,
} from '@mantine/core';

export interface BindingRow {
  key: string;
  exchange: string;
  routingKey: string;
}

export interface RabbitOptionsValue {
  durable: boolean;
  queueType: 'classic' | 'quorum';
  bindings: BindingRow[];
}

let nextKey = 0;
const isSent = (binding: BindingRow) => binding.exchange.trim() !== '';

/** The bindings to send: rows with an exchange. */
export const toBindings = (rows: readonly BindingRow[]) =>
  rows.filter(isSent).map((b) => ({ exchange: b.exchange.trim(), routingKey: b.routingKey.trim() }));

export const emptyBinding = (): BindingRow => ({ key: `b${(nextKey += 1)}`, exchange: '', routingKey: '' });

interface RabbitOptionsFieldsProps {
  value: RabbitOptionsValue;
  onChange: (value: RabbitOptionsValue) => void;
  /** Only a queue Understudy declares takes durability and type. */
  declares: boolean;
  errorOf: (pointer: string) => string | undefined;
}

/** RabbitMQ only: durability, classic or quorum, and bindings to exchanges to tap their traffic. */
export function RabbitOptionsFields({ value, onChange, declares, errorOf }: RabbitOptionsFieldsProps) {
  const set = (change: Partial<RabbitOptionsValue>) => onChange({ ...value, ...change });
  const setBinding = (key: string, change: Partial<BindingRow>) =>
    set({ bindings: value.bindings.map((b) => (b.key === key ? { ...b, ...change } : b)) });
  const quorum = value.queueType === 'quorum';
  // Rows without an exchange are not sent, so the server's indexes count only the others.
  const sentIndex = new Map(value.bindings.filter(isSent).map((b, index) => [b.key, index]));
  const rowError = (key: string, field: keyof BindingRow) =>
    sentIndex.has(key) ? errorOf(`/body/options/bindings/${sentIndex.get(key)}/${field}`) : undefined;
  return (
    <Stack gap="sm">
      {declares && (
        <Group gap="lg" align="center">
          <SegmentedControl
            aria-label="Queue type"
            size="xs"
            data={[
              { value: 'classic', label: 'Classic' },
              { value: 'quorum', label: 'Quorum' },
            ]}
            value={value.queueType}
            onChange={(next) => set({ queueType: next === 'quorum' ? 'quorum' : 'classic', durable: true })}
          />
          <Checkbox
            label={quorum ? 'Durable (quorum queues always are)' : 'Durable: survives a broker restart'}
            checked={quorum || value.durable}
            disabled={quorum}
            onChange={(event) => set({ durable: event.currentTarget.checked })}
          />
        </Group>
      )}
      <Input.Wrapper
        label="Bindings"
        description="Bind the queue to existing exchanges, to receive what is published there (# and * allowed)"
        error={errorOf('/body/options/bindings')}
      >
        <Stack gap={6} mt={6}>
          {value.bindings.map((binding, index) => (
            <Group key={binding.key} gap="xs" align="flex-start" wrap="nowrap">
              <TextInput
                aria-label={`Binding ${index + 1} exchange`}
                placeholder="amq.topic"
                value={binding.exchange}
                onChange={(event) => setBinding(binding.key, { exchange: event.currentTarget.value })}
                error={rowError(binding.key, 'exchange')}
                style={{ flex: 1 }}
              />
              <TextInput
                aria-label={`Binding ${index + 1} routing key`}
                placeholder="orders.#"
                value={binding.routingKey}
                onChange={(event) => setBinding(binding.key, { routingKey: event.currentTarget.value })}
                error={rowError(binding.key, 'routingKey')}
                style={{ flex: 1 }}
              />
              <CloseButton
                aria-label={`Remove binding ${index + 1}`}
                onClick={() => set({ bindings: value.bindings.filter((b) => b.key !== binding.key) })}
                mt={4}
              />
            </Group>
          ))}
          <div>
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => set({ bindings: [...value.bindings, emptyBinding()] })}
            >
              + Add binding
            </Button>
          </div>
        </Stack>
      </Input.Wrapper>
    </Stack>
  );
}
