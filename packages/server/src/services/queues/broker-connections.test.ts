import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { AesGcmSecretBox } from '../../crypto/secret-box.js';
import type {
  BrokerClient,
  BrokerConnectionSpec,
  BrokerRecord,
  BrokerStatus,
} from '../../core/ports/index.js';
import { BrokerConnections, secretContext } from './broker-connections.js';

const log = pino({ level: 'silent' });

/** A client that only records how it was made; connecting succeeds at once. */
function fakeAdapter(made: BrokerConnectionSpec[]) {
  return (spec: BrokerConnectionSpec): BrokerClient => {
    made.push(spec);
    let status: BrokerStatus = { state: 'connecting' };
    return {
      kind: spec.kind,
      get status() {
        return status;
      },
      onStatusChange: () => () => {},
      connect: async () => (status = { state: 'connected', since: new Date() }),
      close: async () => void (status = { state: 'closed' }),
      declare: async () => {},
      consume: () => {
        throw new Error('not used');
      },
      publish: async () => ({ messageId: null }),
      deleteQueue: async () => {},
      deleteReader: async () => {},
    };
  };
}

function record(passwordSealed: string | null): BrokerRecord {
  return {
    name: 'local',
    kind: 'rabbitmq',
    url: 'amqp://h:5672',
    username: 'guest',
    passwordSealed,
    options: { retryLowMs: 100 },
    ownerId: 'u',
    createdAt: 1,
    updatedAt: 1,
  };
}

describe('BrokerConnections', () => {
  const box = new AesGcmSecretBox(randomBytes(32));

  it('opens one client per broker with the decrypted password and a recognisable connection name', async () => {
    const made: BrokerConnectionSpec[] = [];
    const connections = new BrokerConnections({ rabbitmq: fakeAdapter(made) }, box, 'n1', log);
    connections.open(record(box.seal('s3cret', secretContext('local'))));
    expect((await connections.settled('local', 1000)).state).toBe('connected');
    expect(made).toEqual([
      expect.objectContaining({
        password: 's3cret',
        username: 'guest',
        connectionName: 'understudy-n1-local',
      }),
    ]);
    await connections.close('local');
    expect(connections.status('local').state).toBe('closed');
  });

  it('reports a password sealed with another key as failed, and refuses its client with that reason', () => {
    const other = new AesGcmSecretBox(randomBytes(32)).seal('s3cret', secretContext('local'));
    const connections = new BrokerConnections({ rabbitmq: fakeAdapter([]) }, box, 'n1', log);
    connections.open(record(other));
    expect(connections.status('local')).toMatchObject({
      state: 'failed',
      lastError: { code: 'SECRET_UNREADABLE', message: expect.stringMatching(/another secret key/) },
    });
    expect(() => connections.client('local')).toThrow(/another secret key/);
  });

  it('refuses a kind without an adapter, naming the supported ones', () => {
    const connections = new BrokerConnections({ rabbitmq: fakeAdapter([]) }, box, 'n1', log);
    expect(() => connections.assertSupported('mqtt')).toThrow(/no mqtt adapter.*rabbitmq/);
  });
});
