import {
  Button,
  Checkbox,
  Divider,
  Group,
  NumberInput,
  Select,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import type { Broker, QueueMock, QueueMockCreate, QueueOptions } from '@understudy/contracts';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../../components/ui/error-alert';
import { BROKER_KIND_LABELS } from '../../../lib/broker-kind-labels';
import { detailsOf, messageAt, unplacedDetails } from '../../../lib/error-pointers';
import { useCreateQueueMock } from '../api/create-queue-mock';
import { useRevealFirstError } from '../hooks/use-reveal-first-error';
import { autoReplyErrors, sentCode } from '../utils/auto-reply-errors';
import { autoReplyValue, toAutoReply, type AutoReplyValue } from '../utils/auto-reply-form';
import { QUEUE_LOOK } from '../utils/queue-kinds';
import { AutoReplyFields } from './auto-reply-fields';
import { RabbitOptionsFields, toBindings, type RabbitOptionsValue } from './rabbitmq-options-fields';
import { RetentionFields, toRetention, type RetentionValue } from './retention-fields';

const PLACED = [
  '/body/broker',
  '/body/queue',
  '/body/create',
  '/body/options',
  '/body/retention',
  '/body/autoReply',
];

interface CreateQueueMockFormProps {
  brokers: readonly Broker[];
  onCreated: (mock: QueueMock) => void;
  onCancel: () => void;
}

function optionsOf(
  kind: Broker['kind'],
  create: boolean,
  rabbit: RabbitOptionsValue,
  prefetch: number | '',
): QueueOptions {
  const options: QueueOptions = prefetch === '' ? {} : { prefetch };
  if (kind !== 'rabbitmq') return options;
  const bindings = toBindings(rabbit.bindings);
  if (bindings.length > 0) options.bindings = bindings;
  if (create)
    Object.assign(options, {
      queueType: rabbit.queueType,
      durable: rabbit.queueType === 'quorum' || rabbit.durable,
    });
  return options;
}

/** "local · RabbitMQ", and the state when it is not connected (a queue there cannot be declared now). */
const brokerLabel = (b: Broker) =>
  `${b.name} · ${BROKER_KIND_LABELS[b.kind]}${b.status.state === 'connected' ? '' : ` (${b.status.state})`}`;

export function CreateQueueMockForm({ brokers, onCreated, onCancel }: CreateQueueMockFormProps) {
  const [brokerName, setBrokerName] = useState<string | null>(
    (brokers.find((b) => b.status.state === 'connected') ?? brokers[0])?.name ?? null,
  );
  const [queue, setQueue] = useState('');
  const [create, setCreate] = useState(true);
  const [rabbit, setRabbit] = useState<RabbitOptionsValue>({
    durable: true,
    queueType: 'classic',
    bindings: [],
  });
  const [prefetch, setPrefetch] = useState<number | ''>('');
  const [retention, setRetention] = useState<RetentionValue>({ maxMessages: '', maxAgeHours: '' });
  const [autoReply, setAutoReply] = useState<AutoReplyValue>(() => autoReplyValue(null));
  const [local, setLocal] = useState<{
    broker?: string;
    queue?: string;
    replyBody?: string;
    replyCode?: string;
  }>({});
  const mutation = useCreateQueueMock();
  const [attempt, setAttempt] = useState(0);
  const formRef = useRevealFirstError<HTMLFormElement>(attempt, mutation.error);
  const details = detailsOf(mutation.error);
  const unplaced = unplacedDetails(details, PLACED);
  const exactAt = (pointer: string) => details.find((d) => d.path === pointer)?.message;
  const broker = brokers.find((b) => b.name === brokerName);
  const look = QUEUE_LOOK[broker?.kind ?? 'rabbitmq'];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const reply = toAutoReply(autoReply);
    const problems = {
      broker: broker ? undefined : 'Choose the broker the queue lives on',
      queue: queue.trim() === '' ? `Enter the ${look.label.toLowerCase()} to read` : undefined,
      replyBody: reply.ok ? undefined : reply.bodyError,
      replyCode: reply.ok ? undefined : reply.codeError,
    };
    setLocal(problems);
    if (!broker || !reply.ok || problems.queue) return;
    const createIt = look.create ? create : true;
    const input: QueueMockCreate = {
      broker: broker.name,
      queue: queue.trim(),
      create: createIt,
      options: optionsOf(broker.kind, createIt, rabbit, prefetch),
      retention: toRetention(retention),
      autoReply: reply.autoReply,
    };
    mutation.mutate(input, { onSuccess: onCreated });
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        {mutation.error && (details.length === 0 || unplaced.length > 0) && (
          <ErrorAlert error={mutation.error} title="Could not create the queue mock" />
        )}
        <Select
          label="Broker"
          required
          data={brokers.map((b) => ({ value: b.name, label: brokerLabel(b) }))}
          value={brokerName}
          onChange={setBrokerName}
          allowDeselect={false}
          error={local.broker ?? messageAt(details, '/body/broker')}
        />
        <TextInput
          label={look.label}
          description={look.description}
          placeholder={look.placeholder}
          required
          data-autofocus
          value={queue}
          onChange={(event) => setQueue(event.currentTarget.value)}
          error={local.queue ?? messageAt(details, '/body/queue')}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        {look.create && (
          <Checkbox
            label={look.create.label}
            description={look.create.description}
            checked={create}
            onChange={(event) => setCreate(event.currentTarget.checked)}
          />
        )}
        {broker?.kind === 'rabbitmq' && (
          <RabbitOptionsFields value={rabbit} onChange={setRabbit} declares={create} errorOf={exactAt} />
        )}
        <NumberInput
          label="Prefetch"
          description="Unacked messages at most while Understudy stores them"
          w={{ base: '100%', sm: 320 }}
          placeholder="the broker's default"
          min={1}
          max={65535}
          allowDecimal={false}
          value={prefetch}
          onChange={(value) => setPrefetch(typeof value === 'number' ? value : '')}
          error={messageAt(details, '/body/options/prefetch')}
        />
        <Divider />
        <Title order={5}>What Understudy keeps</Title>
        <RetentionFields
          value={retention}
          onChange={setRetention}
          errorOf={(key) => messageAt(details, `/body/retention/${key}`)}
        />
        <Divider />
        <AutoReplyFields
          value={autoReply}
          onChange={setAutoReply}
          errors={autoReplyErrors(
            details,
            { body: local.replyBody, code: local.replyCode },
            { current: autoReply.code, sent: sentCode(mutation.variables?.autoReply) },
          )}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            Create queue mock
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
