import type { Broker, LiveStatus, MessageReply, QueueMessage, QueueMock } from '@understudy/contracts';
import type {
  BrokerKind,
  BrokerRecord,
  BrokerStatus,
  QueueMessageRecord,
  QueueMockRecord,
  StoredProperties,
  StoredReply,
  UserStore,
} from '../../core/ports/index.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function presentStatus(status: BrokerStatus): LiveStatus {
  if (status.state === 'connected') return { state: status.state, since: status.since.toISOString() };
  if ('lastError' in status) {
    const { code, message, at } = status.lastError;
    return { state: status.state, lastError: { code, message, at: at.toISOString() } };
  }
  return { state: status.state };
}

/** Owners are looked up per answer; a deleted account shows as such rather than failing the list. */
export async function ownerOf(users: UserStore, id: string): Promise<{ id: string; username: string }> {
  const user = await users.findById(id);
  return { id, username: user?.username ?? '(deleted user)' };
}

export interface BrokerView {
  status: BrokerStatus;
  connectionName: string;
  queueMocks: number;
  owner: { id: string; username: string };
}

/** Never the password: only whether one is stored (issue 6). The URL holds no credentials either. */
export function presentBroker(b: BrokerRecord, view: BrokerView): Broker {
  return {
    name: b.name,
    kind: b.kind,
    url: b.url,
    username: b.username,
    hasPassword: b.passwordSealed !== null,
    options: b.options,
    owner: view.owner,
    status: presentStatus(view.status),
    connectionName: view.connectionName,
    queueMocks: view.queueMocks,
    createdAt: iso(b.createdAt),
    updatedAt: iso(b.updatedAt),
  };
}

export interface QueueMockView {
  kind: BrokerKind;
  status: BrokerStatus;
  owner: { id: string; username: string };
}

export function presentQueueMock(m: QueueMockRecord, view: QueueMockView): QueueMock {
  return {
    id: m.id,
    broker: m.broker,
    brokerKind: view.kind,
    queue: m.queue,
    create: m.create,
    options: m.options,
    retention: m.retention,
    autoReply: m.autoReply,
    owner: view.owner,
    status: presentStatus(view.status),
    createdAt: iso(m.createdAt),
    updatedAt: iso(m.updatedAt),
  };
}

function presentProperties(p: StoredProperties): QueueMessage['properties'] {
  const { timestamp, ...rest } = p;
  return timestamp === undefined ? rest : { ...rest, timestamp: iso(timestamp) };
}

export function presentReply(r: StoredReply): MessageReply {
  return {
    replyTo: r.replyTo,
    correlationId: r.correlationId,
    messageId: r.messageId,
    body: r.body.value,
    bodyEncoding: r.body.encoding,
    headers: r.headers,
    sentAt: iso(r.sentAt),
    error: r.error,
    ...(r.handler && { handler: r.handler }),
  };
}

export function presentMessage(m: QueueMessageRecord): QueueMessage {
  return {
    id: String(m.id),
    body: m.body.value,
    bodyEncoding: m.body.encoding,
    size: m.body.size,
    truncated: m.body.truncated,
    headers: m.headers,
    properties: presentProperties(m.properties),
    routingKey: m.routingKey,
    exchange: m.exchange,
    redelivered: m.redelivered,
    receivedAt: iso(m.receivedAt),
    brokerMessageId: m.brokerMessageId,
    reply: m.reply ? presentReply(m.reply) : null,
  };
}
