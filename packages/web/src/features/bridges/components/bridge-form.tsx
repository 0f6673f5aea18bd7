import { Button, Divider, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import type { Bridge, BridgeMessage } from '@understudy/contracts';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { detailsOf, messageAt, unplacedDetails } from '../../../lib/error-pointers';
import { useCreateBridge, useUpdateBridge } from '../api/save-bridge';
import { formValue, toBridgeInput, toMapper, type BridgeFormValue } from '../utils/bridge-form';
import { InFields, OutFields, kindOf, type EndpointChoices } from './endpoint-fields';
import { MapperFields } from './mapper-fields';

const PLACED = ['/body/name', '/body/in', '/body/out', '/body/mapper', '/body/concurrency', '/body/retry'];

interface BridgeFormProps {
  /** The bridge to change; a new one when absent. */
  bridge?: Bridge;
  choices: EndpointChoices;
  recent?: readonly BridgeMessage[];
  onSaved: (bridge: Bridge) => void;
  onCancel: () => void;
}

/** Create or change a bridge: IN, OUT, the mapper (with Try), and how it delivers. */
export function BridgeForm({ bridge, choices, recent, onSaved, onCancel }: BridgeFormProps) {
  const firstBroker = (choices.brokers.find((b) => b.status.state === 'connected') ?? choices.brokers[0])
    ?.name;
  const [value, setValue] = useState<BridgeFormValue>(() => formValue(bridge, firstBroker ?? null));
  const [local, setLocal] = useState<string | null>(null);
  const create = useCreateBridge();
  const update = useUpdateBridge();
  const mutation = bridge ? update : create;
  const details = detailsOf(mutation.error);
  const errorAt = (pointer: string) =>
    (pointer === '/body/mapper/template' ? (local ?? undefined) : undefined) ?? messageAt(details, pointer);
  const set = (change: Partial<BridgeFormValue>) => setValue((v) => ({ ...v, ...change }));
  const number = (field: 'concurrency' | 'attempts' | 'backoffMs') => (n: string | number) =>
    set({ [field]: typeof n === 'number' ? n : '' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const mapper = toMapper(value);
    setLocal(mapper.ok ? null : mapper.message);
    if (!mapper.ok) return;
    const input = toBridgeInput(value, mapper.mapper, {
      in: kindOf(choices.brokers, value.inBroker),
      out: kindOf(choices.brokers, value.outBroker),
    });
    if (bridge) update.mutate({ id: bridge.id, patch: input }, { onSuccess: onSaved });
    else create.mutate(input, { onSuccess: onSaved });
  };
  const unplaced = unplacedDetails(details, PLACED);

  return (
    <form onSubmit={submit} noValidate aria-label={bridge ? 'Edit bridge' : 'New bridge'}>
      <Stack gap="md">
        <TextInput
          label="Name"
          placeholder="orders"
          required
          value={value.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          error={errorAt('/body/name')}
          maw={420}
        />
        <Divider label="IN" labelPosition="left" />
        <InFields value={value} set={set} choices={choices} errorAt={errorAt} />
        <Divider label="OUT" labelPosition="left" />
        <OutFields value={value} set={set} choices={choices} errorAt={errorAt} />
        <Divider label="Mapper" labelPosition="left" />
        <MapperFields value={value} set={set} errorAt={errorAt} recent={recent} />
        <Divider label="Delivery" labelPosition="left" />
        <Text size="sm" c="dimmed">
          At least once: IN is acked only after OUT confirmed. A message the mapper keeps failing on becomes a
          dead letter after the retries, and the bridge goes on.
        </Text>
        <Group align="flex-start">
          <NumberInput
            label="Concurrency"
            description="1 keeps the order"
            min={1}
            max={64}
            allowDecimal={false}
            value={value.concurrency}
            onChange={number('concurrency')}
            error={errorAt('/body/concurrency')}
            w={170}
          />
          <NumberInput
            label="Attempts"
            description="Mapper calls per message"
            min={1}
            max={20}
            allowDecimal={false}
            value={value.attempts}
            onChange={number('attempts')}
            error={errorAt('/body/retry/attempts')}
            w={170}
          />
          <NumberInput
            label="Backoff (ms)"
            description="Before the 2nd call; doubles"
            min={0}
            max={60_000}
            allowDecimal={false}
            value={value.backoffMs}
            onChange={number('backoffMs')}
            error={errorAt('/body/retry/backoffMs')}
            w={190}
          />
        </Group>
        {unplaced.length > 0 || (mutation.error && details.length === 0) ? (
          <ErrorAlert error={mutation.error} title="Could not save the bridge" />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {bridge ? 'Save changes' : 'Create bridge'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
