import { describe, expect, it } from 'vitest';
import { BrokerRejectedError, type BrokerStatus } from '../core/ports/broker-client.js';
import { StatusTracker, toFault } from './status-tracker.js';

describe('StatusTracker', () => {
  it('tells listeners about each change once, so repeated identical faults do not flood', () => {
    const tracker = new StatusTracker();
    const seen: BrokerStatus['state'][] = [];
    tracker.onStatusChange((s) => seen.push(s.state));
    const fault = { code: 'ECONNREFUSED', message: 'refused', at: new Date() };
    tracker.fault(fault, false);
    tracker.fault({ ...fault, at: new Date() }, false);
    tracker.connected();
    tracker.connected();
    tracker.fault({ ...fault, code: 'ACCESS_REFUSED' }, true);
    expect(seen).toEqual(['reconnecting', 'connected', 'failed']);
  });

  it('stays closed once closed, whatever late events say', () => {
    const tracker = new StatusTracker();
    tracker.set({ state: 'closed' });
    tracker.connected();
    expect(tracker.status.state).toBe('closed');
  });

  it('isolates a throwing listener and stops calling one that unsubscribed', () => {
    const tracker = new StatusTracker();
    let calls = 0;
    tracker.onStatusChange(() => {
      throw new Error('listener bug');
    });
    const off = tracker.onStatusChange(() => void (calls += 1));
    tracker.connected();
    off();
    tracker.set({ state: 'closed' });
    expect(calls).toBe(1);
  });

  it('builds faults from coded errors, plain errors and non-errors', () => {
    const coded = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    expect(toFault(coded)).toMatchObject({ code: 'ECONNREFUSED', message: 'refused' });
    expect(toFault(new Error('x'))).toMatchObject({ code: 'UNKNOWN' });
    expect(toFault('boom', 'X')).toMatchObject({ code: 'X', message: 'boom' });
  });

  it("takes our own errors' broker code, not their API code", () => {
    const rejected = new BrokerRejectedError('no stream captures a.b', 'NO_STREAM', 404);
    expect(toFault(rejected)).toMatchObject({ code: 'NO_STREAM', message: 'no stream captures a.b' });
  });

  it("takes on a source's faults (running the hook first) but not its recovery", () => {
    const connection = new StatusTracker();
    const subscription = new StatusTracker();
    const hooked: string[] = [];
    subscription.followFaultsOf(connection, () => hooked.push(subscription.status.state));
    subscription.connected();
    connection.fault({ code: 'ECONNRESET', message: 'reset', at: new Date() }, false);
    expect(subscription.status).toMatchObject({ state: 'reconnecting', lastError: { code: 'ECONNRESET' } });
    connection.connected();
    expect(subscription.status.state).toBe('reconnecting');
    connection.fault({ code: 'NOT_AUTHORIZED', message: 'no', at: new Date() }, true);
    expect(subscription.status.state).toBe('failed');
    expect(hooked).toEqual(['connected', 'reconnecting']);
  });
});
