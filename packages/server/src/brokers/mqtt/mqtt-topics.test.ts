import { ErrorWithReasonCode } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { BrokerRejectedError, BrokerUnavailableError } from '../../core/ports/broker-client.js';
import { faultOf, needsHuman, toBrokerError } from './mqtt-faults.js';
import {
  checkDeclaration,
  checkTopicFilter,
  checkTopicName,
  defaultSessionId,
  subscriptionFilter,
} from './mqtt-topics.js';

describe('mqtt topics', () => {
  it('accepts filters with whole-level wildcards and refuses the rest', () => {
    for (const ok of ['a/b', 'a/+/c', 'a/#', '#', '+', 'sport/tennis/+/#'])
      expect(() => checkTopicFilter(ok)).not.toThrow();
    for (const bad of ['', 'a/#/b', 'a+/b', 'a/b#', '$share/g/a'])
      expect(() => checkTopicFilter(bad)).toThrow();
  });

  it('publishes only to topic names without wildcards', () => {
    expect(() => checkTopicName('a/b')).not.toThrow();
    expect(() => checkTopicName('a/+')).toThrow(/no \+ or #/);
  });

  it('shares a subscription as $share/<group>/<filter>, with a group free of / + #', () => {
    expect(subscriptionFilter('a/b', { kind: 'mqtt', shareGroup: 'nodes' })).toBe('$share/nodes/a/b');
    expect(subscriptionFilter('a/b', undefined)).toBe('a/b');
    expect(() => checkDeclaration('a/b', { kind: 'mqtt', shareGroup: 'x/y' })).toThrow(/shareGroup/);
  });

  it('derives one session id per filter, the same on every client; one per node with a share group', () => {
    expect(defaultSessionId('a/b', 'node-1')).toBe(defaultSessionId('a/b', 'node-2', { kind: 'mqtt' }));
    expect(defaultSessionId('a/b', 'node-1')).not.toBe(defaultSessionId('a/c', 'node-1'));
    const shared = { kind: 'mqtt', shareGroup: 'understudy-m1' } as const;
    expect(defaultSessionId('a/b', 'node-1', shared)).toBe('understudy-m1-node-1');
    expect(defaultSessionId('a/b', 'node-2', shared)).toBe('understudy-m1-node-2');
  });
});

describe('mqtt faults', () => {
  it('names reason codes, and knows which need a human', () => {
    const refused = faultOf(new ErrorWithReasonCode('Connection refused: Not authorized', 135));
    expect(refused.code).toBe('NOT_AUTHORIZED');
    expect(needsHuman(refused)).toBe(true);
    expect(needsHuman(faultOf(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })))).toBe(false);
  });

  it('maps a refused PUBLISH to a rejection and anything else to unavailable', () => {
    expect(toBrokerError(new ErrorWithReasonCode('Publish error: Not authorized', 135), 'p')).toBeInstanceOf(
      BrokerRejectedError,
    );
    expect(toBrokerError(new Error('client disconnecting'), 'p')).toBeInstanceOf(BrokerUnavailableError);
  });
});
