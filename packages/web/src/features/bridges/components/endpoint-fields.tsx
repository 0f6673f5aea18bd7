import {
  Autocomplete,
  Checkbox,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { Broker, BrokerKind } from '@understudy/contracts';
import { BROKER_KIND_LABELS } from '../../../lib/broker-kind-labels';
import type { BridgeFormValue } from '../utils/bridge-form';
import { lookOf } from '../utils/endpoint-kinds';

/** The broker and queue choices the form offers: registered brokers, and queues Understudy knows of. */
export interface EndpointChoices {
  brokers: readonly Broker[];
  /** Broker name → queues seen there (queue mocks, other bridges): suggestions, any name may be typed. */
  queues: Readonly<Record<string, readonly string[]>>;
}

interface EndpointFieldsProps {
  value: BridgeFormValue;
  set: (change: Partial<BridgeFormValue>) => void;
  choices: EndpointChoices;
  errorAt: (pointer: string) => string | undefined;
}

// Named as in the queue mock form: "local · RabbitMQ", with the state when not connected.
const brokerData = (brokers: readonly Broker[]) =>
  brokers.map((b) => ({
    value: b.name,
    label: `${b.name} · ${BROKER_KIND_LABELS[b.kind]}${b.status.state === 'connected' ? '' : ` (${b.status.state})`}`,
  }));

/** The kind of the chosen broker; undefined until one is chosen. */
export const kindOf = (brokers: readonly Broker[], name: string | null): BrokerKind | undefined =>
  brokers.find((b) => b.name === name)?.kind;

function Note({ text }: { text: string | undefined }) {
  return text ? (
    <Text size="xs" c="dimmed">
      {text}
    </Text>
  ) : null;
}

const mono = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };

export function InFields({ value, set, choices, errorAt }: EndpointFieldsProps) {
  const look = lookOf(kindOf(choices.brokers, value.inBroker));
  return (
    <Stack gap="xs">
      <Group grow align="flex-start">
        <Select
          label="IN broker"
          data={brokerData(choices.brokers)}
          value={value.inBroker}
          onChange={(inBroker) => set({ inBroker })}
          allowDeselect={false}
          error={errorAt('/body/in/broker')}
        />
        <Autocomplete
          label={`IN ${look.inNoun}`}
          description="Every message read from here goes through the mapper"
          placeholder={look.inPlaceholder}
          data={[...(choices.queues[value.inBroker ?? ''] ?? [])]}
          value={value.inQueue}
          onChange={(inQueue) => set({ inQueue })}
          error={errorAt('/body/in/queue')}
          styles={mono}
        />
      </Group>
      <Note text={look.inNote} />
      {look.inCreate && (
        <Checkbox
          label={look.inCreate}
          checked={value.inCreate}
          onChange={(event) => set({ inCreate: event.currentTarget.checked })}
        />
      )}
    </Stack>
  );
}

export function OutFields({ value, set, choices, errorAt }: EndpointFieldsProps) {
  const kind = kindOf(choices.brokers, value.outBroker);
  const look = lookOf(kind);
  const exchange = value.outTarget === 'exchange' && kind === 'rabbitmq';
  return (
    <Stack gap="xs">
      <Group grow align="flex-start">
        <Select
          label="OUT broker"
          data={brokerData(choices.brokers)}
          value={value.outBroker}
          onChange={(outBroker) => set({ outBroker })}
          allowDeselect={false}
          error={errorAt('/body/out/broker')}
        />
        {exchange ? (
          <Group grow align="flex-start" gap="xs">
            <TextInput
              label="Exchange"
              value={value.outExchange}
              onChange={(e) => set({ outExchange: e.currentTarget.value })}
              error={errorAt('/body/out/exchange')}
              styles={mono}
            />
            <TextInput
              label="Routing key"
              value={value.outRoutingKey}
              onChange={(e) => set({ outRoutingKey: e.currentTarget.value })}
              error={errorAt('/body/out/routingKey')}
              styles={mono}
            />
          </Group>
        ) : (
          <Autocomplete
            label={`OUT ${look.outNoun}`}
            description="Mapped messages are published here, with confirms"
            placeholder={look.outPlaceholder}
            data={[...(choices.queues[value.outBroker ?? ''] ?? [])]}
            value={value.outQueue}
            onChange={(outQueue) => set({ outQueue })}
            error={errorAt('/body/out/queue')}
            styles={mono}
          />
        )}
      </Group>
      <Group gap="lg">
        {kind === 'rabbitmq' && (
          <SegmentedControl
            size="xs"
            aria-label="OUT target"
            data={[
              { value: 'queue', label: 'Queue' },
              { value: 'exchange', label: 'Exchange' },
            ]}
            value={value.outTarget}
            onChange={(outTarget) => set({ outTarget: outTarget as BridgeFormValue['outTarget'] })}
          />
        )}
        {!exchange && look.outCreate && (
          <Checkbox
            label="Declare the OUT queue when the bridge starts"
            checked={value.outCreate}
            onChange={(event) => set({ outCreate: event.currentTarget.checked })}
            error={errorAt('/body/out/create')}
          />
        )}
      </Group>
      <Note text={look.outNote} />
    </Stack>
  );
}
