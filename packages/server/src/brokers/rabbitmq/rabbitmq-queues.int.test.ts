import { execFile } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.js';
import { BrokerRejectedError } from '../../core/ports/broker-client.js';
import { serviceAvailable } from '../../testing/services.js';
import { DeliveryLog, recordStates, testBody, waitForState, waitUntil } from '../broker-contract.fixture.js';
import type { RabbitmqBrokerClient } from './rabbitmq-broker-client.js';
import { connectionNameOf, testClient, testQueueName } from './rabbitmq-test-clients.fixture.js';

const up = await serviceAvailable('rabbitmq');

/** What only RabbitMQ has: passive declares, quorum queues, exchange bindings, returns, one connection. */
describe.skipIf(!up)('RabbitmqBrokerClient on RabbitMQ specifics', () => {
  let client: RabbitmqBrokerClient;
  const queues: string[] = [];
  const queue = (): string => {
    const name = testQueueName();
    queues.push(name);
    return name;
  };

  beforeEach(async () => {
    client = testClient();
    await client.connect();
  });

  afterEach(async () => {
    for (const name of queues.splice(0)) await client.deleteQueue(name).catch(() => {});
    await client.close();
  });

  it('refuses to use a missing queue when asked not to create it: 404 with the broker reason', async () => {
    const error = await client.declare(queue(), { kind: 'rabbitmq', create: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrokerRejectedError);
    expect(error).toMatchObject({
      status: 404,
      brokerCode: 'NOT_FOUND',
      message: expect.stringMatching(/no queue/),
    });
  });

  it('reports a queue that exists with other arguments as a 409 conflict', async () => {
    const name = queue();
    await client.declare(name, { kind: 'rabbitmq', create: true, queueType: 'quorum' });
    const error = await client
      .declare(name, { kind: 'rabbitmq', create: true, durable: false })
      .catch((e) => e);
    expect(error).toMatchObject({ status: 409, brokerCode: 'PRECONDITION_FAILED' });
  });

  it('passes on the broker refusing a reserved name (403), and refuses empty or over-long names itself', async () => {
    await expect(
      client.declare('amq.understudy-test', { kind: 'rabbitmq', create: true }),
    ).rejects.toMatchObject({
      status: 403,
      brokerCode: 'ACCESS_REFUSED',
    });
    await expect(client.declare('', { kind: 'rabbitmq', create: true })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(client.declare('q'.repeat(256), { kind: 'rabbitmq', create: true })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      client.declare('q', { kind: 'nats', create: true, stream: 's', durable: 'd' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('taps an exchange through a binding, reporting exchange and routing key', async () => {
    const name = queue();
    await client.declare(name, {
      kind: 'rabbitmq',
      create: true,
      bindings: [{ exchange: 'amq.topic', routingKey: `${name}.orders.#` }],
    });
    await client.publish(
      `${name}.orders.new`,
      { body: testBody(1) },
      { kind: 'rabbitmq', exchange: 'amq.topic' },
    );
    const log = new DeliveryLog();
    const sub = client.consume(name, log.handler, { prefetch: 5 });
    await log.waitForDistinct(1);
    await sub.close();
    expect(log.deliveries[0]).toMatchObject({ exchange: 'amq.topic', subject: `${name}.orders.new` });
  });

  it('rejects a publish no queue takes (NO_ROUTE) instead of confirming it into the void, and keeps working', async () => {
    await expect(client.publish(testQueueName(), { body: testBody(1) })).rejects.toMatchObject({
      brokerCode: 'NO_ROUTE',
      status: 404,
    });
    await expect(
      client.publish(
        'x',
        { body: testBody(1) },
        { kind: 'rabbitmq', exchange: `${testQueueName()}-missing` },
      ),
    ).rejects.toMatchObject({ brokerCode: 'NOT_FOUND' });
    const name = queue();
    await client.declare(name, { kind: 'rabbitmq', create: true });
    await expect(client.publish(name, { body: testBody(2) })).resolves.toMatchObject({
      messageId: expect.any(String),
    });
  });

  it('assigns a message id when the caller gives none, and the delivery carries it', async () => {
    const name = queue();
    await client.declare(name, { kind: 'rabbitmq', create: true });
    const { messageId } = await client.publish(name, { body: testBody(1) });
    const log = new DeliveryLog();
    const sub = client.consume(name, log.handler, { prefetch: 5 });
    await log.waitForDistinct(1);
    await sub.close();
    expect(log.deliveries[0]?.brokerMessageId).toBe(messageId);
  });

  it('returns text bodies byte for byte and JSON bodies re-serialised (rabbitmq-client parses them)', async () => {
    const name = queue();
    await client.declare(name, { kind: 'rabbitmq', create: true });
    const text = Buffer.from('{ "seq": 1, "note": "héllo" }');
    await client.publish(name, { body: text, properties: { contentType: 'text/plain' } });
    await client.publish(name, { body: text, properties: { contentType: 'application/json' } });
    const log = new DeliveryLog();
    const sub = client.consume(name, log.handler, { prefetch: 5 });
    await log.waitForDistinct(1);
    await waitUntil('both arrived', () => log.deliveries.length === 2);
    await sub.close();
    expect(log.deliveries[0]?.body).toEqual(text);
    expect(log.deliveries[1]?.body.toString()).toBe('{"seq":1,"note":"héllo"}');
  });

  it('carries a 10 MB message both ways unchanged', async () => {
    const name = queue();
    await client.declare(name, { kind: 'rabbitmq', create: true });
    const big = Buffer.alloc(10 * 1024 * 1024, 7);
    await client.publish(name, { body: big });
    const bodies: Buffer[] = [];
    const sub = client.consume(name, async (batch) => void bodies.push(...batch.map((d) => d.body)), {
      prefetch: 1,
    });
    await waitUntil('the big message arrived', () => bodies.length === 1);
    await sub.close();
    expect(bodies[0]?.equals(big)).toBe(true);
  });

  it('consumes from a quorum queue', async () => {
    const name = queue();
    await client.declare(name, { kind: 'rabbitmq', create: true, queueType: 'quorum' });
    await client.publish(name, { body: testBody(7) });
    const log = new DeliveryLog();
    const sub = client.consume(name, log.handler, { prefetch: 5 });
    await log.waitForDistinct(1);
    await sub.close();
  });

  it('does not bring back a queue deleted through deleteQueue: its consumer reports failed instead', async () => {
    const name = queue();
    await client.declare(name, { kind: 'rabbitmq', create: true });
    const sub = client.consume(name, async () => {}, { prefetch: 5 });
    await waitForState(sub, 'connected');
    const states = recordStates(sub);
    await client.deleteQueue(name);
    await waitForState(sub, 'failed');
    expect(sub.status).toMatchObject({ lastError: { code: 'NOT_FOUND' } });
    await sleep(1500); // several retries; the status must not flap on each of them
    expect(states.map((s) => s.state)).toEqual(['connected', 'reconnecting', 'failed']);
    await expect(client.declare(name, { kind: 'rabbitmq', create: false })).rejects.toMatchObject({
      status: 404,
    });
    await sub.close();
  });

  it('reads many queues over ONE connection, one consumer each', async () => {
    const names = Array.from({ length: 8 }, queue);
    const log = new DeliveryLog();
    for (const name of names) await client.declare(name, { kind: 'rabbitmq', create: true });
    const subs = names.map((name) => client.consume(name, log.handler, { prefetch: 10 }));
    for (const [i, name] of names.entries()) await client.publish(name, { body: testBody(i) });
    await log.waitForDistinct(names.length);
    const { stdout } = await promisify(execFile)('rabbitmqctl', [
      'list_connections',
      'client_properties',
      '-q',
    ]);
    const ours = stdout
      .split('\n')
      .filter((line) => line.includes(`{"connection_name","${connectionNameOf(client)}"}`));
    expect(ours).toHaveLength(1);
    await Promise.all(subs.map((s) => s.close()));
  });
});
