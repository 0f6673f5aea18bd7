import type { BrokerKind, BrokerOptions } from '@understudy/contracts';
import { BROKER_KIND_LABELS } from '../../../lib/broker-kind-labels';

interface KindLook {
  label: string;
  /** The URL of a broker of this kind on the same machine, with its default port. */
  placeholder: string;
  /** What the URL may carry besides host and port. */
  urlHelp: string;
  credentialsHelp: string;
  /** Each kind names the keep-alive of its connection differently; null when it has none. */
  heartbeat: { label: string; description: string } | null;
}

export const BROKER_KINDS: Record<BrokerKind, KindLook> = {
  rabbitmq: {
    label: BROKER_KIND_LABELS.rabbitmq,
    placeholder: 'amqp://127.0.0.1:5672',
    urlHelp: 'amqp:// or amqps://, with the virtual host as the path (amqp://host:5672/vhost)',
    credentialsHelp: 'The AMQP user; RabbitMQ on a laptop often uses guest / guest',
    heartbeat: { label: 'Heartbeat (s)', description: 'AMQP heartbeat; 0 turns it off (default 30)' },
  },
  nats: {
    label: BROKER_KIND_LABELS.nats,
    placeholder: 'nats://127.0.0.1:4222',
    urlHelp: 'nats:// or tls://; JetStream must be enabled on the server',
    credentialsHelp: 'User and password, when the server requires them',
    heartbeat: {
      label: 'Ping interval (s)',
      description: 'How often the client pings the server (default 30)',
    },
  },
  mqtt: {
    label: BROKER_KIND_LABELS.mqtt,
    placeholder: 'mqtt://127.0.0.1:1883',
    urlHelp: 'mqtt://, mqtts://, ws:// or wss://',
    credentialsHelp: 'User and password, when the broker requires them',
    heartbeat: { label: 'Keep-alive (s)', description: 'MQTT keep-alive interval (default 30)' },
  },
  redis: {
    label: BROKER_KIND_LABELS.redis,
    placeholder: 'redis://127.0.0.1:6379',
    urlHelp: 'redis:// or rediss://, with the database number as the path (redis://host:6379/0)',
    credentialsHelp: 'An ACL user, or only a password for requirepass',
    heartbeat: null,
  },
};

export function isBrokerKind(value: string | null): value is BrokerKind {
  return value !== null && value in BROKER_KINDS;
}

export type OptionKey = keyof BrokerOptions;

/** The tuning every kind takes, as the contract defines it; labels follow the kind where they differ. */
export function optionFields(kind: BrokerKind): { key: OptionKey; label: string; description: string }[] {
  const fields: { key: OptionKey; label: string; description: string }[] = [
    { key: 'prefetch', label: 'Prefetch', description: 'Unacked messages per queue mock (default 500)' },
    { key: 'maxInFlight', label: 'Publishes in flight', description: 'Awaiting confirmation (default 1000)' },
  ];
  const heartbeat = BROKER_KINDS[kind].heartbeat;
  if (heartbeat) fields.push({ key: 'heartbeatSeconds', ...heartbeat });
  fields.push(
    { key: 'retryLowMs', label: 'First retry after (ms)', description: 'Reconnect backoff starts here' },
    {
      key: 'retryHighMs',
      label: 'Longest retry wait (ms)',
      description: 'Reconnect backoff stops growing here',
    },
  );
  return fields;
}

/** Only the options that apply to the kind, so switching kinds never sends a stale value. */
export function optionsFor(kind: BrokerKind, options: BrokerOptions): BrokerOptions {
  const keys = new Set(optionFields(kind).map((field) => field.key));
  return Object.fromEntries(
    Object.entries(options).filter(([key, value]) => keys.has(key as OptionKey) && value !== undefined),
  ) as BrokerOptions;
}
