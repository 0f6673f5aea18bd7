import { jetstream, jetstreamManager, RetentionPolicy, type JetStreamManager } from '@nats-io/jetstream';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BrokerRejectedError } from '../../core/ports/broker-client.js';
import { SERVICES, serviceAvailable } from '../../testing/services.js';
import { DeliveryLog, publishRange, testBody, waitForState, waitUntil } from '../broker-contract.fixture.js';
import type { NatsBrokerClient } from './nats-broker-client.js';
import { CREATED_STREAM_MAX_AGE_MS, findStream } from './nats-topology.js';
import { RUN_PREFIX, dropConnections, testClient, testSubject } from './nats-test-clients.fixture.js';

const up = await serviceAvailable('nats');

describe.skipIf(!up)('NatsBrokerClient on JetStream', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const clients: NatsBrokerClient[] = [];
  const streams: string[] = [];

  const open = async (viaProxy = false): Promise<NatsBrokerClient> => {
    const client = testClient({}, viaProxy);
    clients.push(client);
    await client.connect();
    return client;
  };

  beforeAll(async () => {
    nc = await connect({ servers: SERVICES.nats.url });
    jsm = await jetstreamManager(nc);
  });
  afterEach(async () => {
    await Promise.allSettled(clients.splice(0).map((c) => c.close()));
    for (const name of streams.splice(0)) await jsm.streams.delete(name).catch(() => {});
  });
  afterAll(() => nc.close());

  it('stores a retried publish with the same message id once (JetStream dedupe)', async () => {
    const client = await open();
    const subject = testSubject();
    await client.declare(subject, { kind: 'nats', create: true });
    streams.push((await findStream(jsm, subject))!);
    const first = await client.publish(subject, { body: testBody(1), properties: { messageId: 'dup-1' } });
    const again = await client.publish(subject, { body: testBody(1), properties: { messageId: 'dup-1' } });
    expect(again.sequence).toBe(first.sequence);
    await client.publish(subject, { body: testBody(2) });
    const log = new DeliveryLog();
    const sub = client.consume(subject, log.handler, { prefetch: 10 });
    await log.waitForDistinct(2);
    await sub.close();
    expect(log.deliveries).toHaveLength(2);
  });

  it('reuses a stream that already captures the subject, whatever its name, and leaves it on delete', async () => {
    const client = await open();
    const subject = testSubject();
    const foreign = `${RUN_PREFIX}-foreign`;
    await jsm.streams.add({ name: foreign, subjects: [`${subject}.>`, subject] });
    streams.push(foreign);
    await client.declare(subject, { kind: 'nats', create: true, durable: 'reader' });
    expect(await findStream(jsm, subject)).toBe(foreign);
    await client.publish(subject, { body: testBody(1) });
    const log = new DeliveryLog();
    const sub = client.consume(subject, log.handler, { prefetch: 10 });
    await log.waitForDistinct(1);
    await sub.close();
    // The stream also captures other subjects: only the queue mock's consumer goes.
    await client.deleteQueue(subject);
    expect((await jsm.streams.info(foreign)).config.name).toBe(foreign);
    await expect(jsm.consumers.info(foreign, 'reader')).rejects.toThrow(/consumer not found/);
  });

  it('reads a reused work-queue stream from its start, and re-creates a deleted durable there', async () => {
    const client = await open();
    const subject = testSubject();
    const foreign = `${RUN_PREFIX}-wq`;
    await jsm.streams.add({ name: foreign, subjects: [subject], retention: RetentionPolicy.Workqueue });
    streams.push(foreign);
    await jetstream(nc).publish(subject, testBody(0));
    await client.declare(subject, { kind: 'nats', create: false, durable: 'reader' });
    await jsm.consumers.delete(foreign, 'reader'); // an operator removes it; the consume brings it back
    const log = new DeliveryLog();
    const sub = client.consume(subject, log.handler, { prefetch: 10 });
    await log.waitForDistinct(1);
    await sub.close();
  });

  it('gives a queue mock and a bridge on one subject every message each, also after a reconnect', async () => {
    const client = await open(true);
    const subject = testSubject();
    await client.declare(subject, { kind: 'nats', create: true });
    streams.push((await findStream(jsm, subject))!);
    const mockLog = new DeliveryLog();
    const mock = client.consume(subject, mockLog.handler, { prefetch: 20 });
    // The bridge declares the same subject with its own durable on the same client, after the mock.
    await client.declare(subject, { kind: 'nats', create: true, durable: `${RUN_PREFIX}-bridge` });
    const bridgeLog = new DeliveryLog();
    const bridge = client.consume(subject, bridgeLog.handler, { prefetch: 20 });
    await publishRange(client, subject, 0, 10);
    await mockLog.waitForDistinct(10);
    await bridgeLog.waitForDistinct(10);

    // Each consumer comes back on its own durable, not on the one declared last.
    await dropConnections(client);
    await waitForState(client, 'reconnecting');
    await waitForState(client, 'connected');
    await waitForState(mock, 'connected');
    await waitForState(bridge, 'connected');
    await publishRange(client, subject, 10, 20);
    await mockLog.waitForDistinct(20);
    await bridgeLog.waitForDistinct(20);
    await Promise.all([mock.close(), bridge.close()]);
    const stream = (await findStream(jsm, subject))!;
    const durables: string[] = [];
    for await (const c of jsm.consumers.list(stream)) durables.push(c.name);
    expect(durables).toHaveLength(2);
    expect(durables).toContain(`${RUN_PREFIX}-bridge`);
  });

  it('creates a stream with limits retention that keeps messages for a week', async () => {
    const client = await open();
    const subject = testSubject();
    await client.declare(subject, { kind: 'nats', create: true });
    const stream = (await findStream(jsm, subject))!;
    streams.push(stream);
    const { config } = await jsm.streams.info(stream);
    expect(config.retention).toBe(RetentionPolicy.Limits);
    expect(config.max_age).toBe(CREATED_STREAM_MAX_AGE_MS * 1_000_000);
  });

  it("refuses a second reader of a foreign work-queue stream's subject with a 409 naming the first", async () => {
    const client = await open();
    const subject = testSubject();
    const foreign = `${RUN_PREFIX}-wq2`;
    await jsm.streams.add({ name: foreign, subjects: [subject], retention: RetentionPolicy.Workqueue });
    streams.push(foreign);
    await client.declare(subject, { kind: 'nats', create: false, durable: 'first' });
    const second = client.declare(subject, { kind: 'nats', create: false, durable: 'second' });
    await expect(second).rejects.toMatchObject({
      brokerCode: 'CONSUMER_CONFLICT',
      status: 409,
      message: expect.stringMatching(/work queue.*first/),
    });
  });

  it('deletes the stream it created for the subject', async () => {
    const client = await open();
    const subject = testSubject();
    await client.declare(subject, { kind: 'nats', create: true });
    await client.deleteQueue(subject);
    expect(await findStream(jsm, subject)).toBeNull();
  });

  it('refuses a publish no stream captures (404), and a declare without create when none does', async () => {
    const client = await open();
    const subject = testSubject();
    await expect(client.publish(subject, { body: testBody(1) })).rejects.toMatchObject({
      brokerCode: 'NO_STREAM',
      status: 404,
    });
    const declared = client.declare(subject, { kind: 'nats', create: false });
    await expect(declared).rejects.toBeInstanceOf(BrokerRejectedError);
  });

  it('reads foreign headers as text and a foreign Content-Type as the property', async () => {
    const client = await open();
    const subject = testSubject();
    await client.declare(subject, { kind: 'nats', create: true });
    streams.push((await findStream(jsm, subject))!);
    const h = headers();
    h.set('x-count', '7');
    h.set('Content-Type', 'text/plain');
    await jetstream(nc).publish(subject, 'hello', { headers: h });
    const log = new DeliveryLog(() => {});
    const seen: Array<{ headers: unknown; contentType: unknown }> = [];
    const sub = client.consume(
      subject,
      async (batch) =>
        void seen.push(...batch.map((d) => ({ headers: d.headers, contentType: d.properties.contentType }))),
      { prefetch: 1 },
    );
    await waitUntil('the message arrived', () => seen.length === 1);
    await sub.close();
    expect(seen[0]).toEqual({ headers: { 'x-count': '7' }, contentType: 'text/plain' });
    expect(log.calls).toBe(0);
  });

  it('a subscription on a subject nobody declared fails with the reason and recovers once it exists', async () => {
    const client = await open();
    const subject = testSubject();
    const log = new DeliveryLog();
    const sub = client.consume(subject, log.handler, { prefetch: 10 });
    await waitUntil('the subscription failed', () => sub.status.state === 'failed');
    expect(sub.status.state === 'failed' && sub.status.lastError.code).toBe('NO_STREAM');
    const other = await open();
    await other.declare(subject, { kind: 'nats', create: true });
    streams.push((await findStream(jsm, subject))!);
    await other.publish(subject, { body: testBody(1) });
    await log.waitForDistinct(1);
    await sub.close();
  });
});
