import { describe, expect, it } from 'vitest';
import { BrokerUnavailableError } from '../core/ports/broker-client.js';
import { StatusTracker } from './status-tracker.js';
import { firstSettled, whenUsable } from './usable-connection.js';

const fault = { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED', at: new Date() };

describe('whenUsable', () => {
  it('resolves at once when connected, and when a reconnect succeeds in time', async () => {
    const status = new StatusTracker();
    status.connected();
    await expect(whenUsable(status, 'x', 10)).resolves.toBeUndefined();
    status.fault(fault, false);
    const waiting = whenUsable(status, 'x', 1000);
    status.connected();
    await expect(waiting).resolves.toBeUndefined();
  });

  it('fails at once with the reason when a human must act, or the client is closed', async () => {
    const status = new StatusTracker();
    status.fault({ ...fault, code: 'ACCESS_REFUSED', message: 'refused' }, true);
    await expect(whenUsable(status, 'publishing', 10_000)).rejects.toMatchObject({
      brokerCode: 'ACCESS_REFUSED',
      message: 'publishing: refused',
    });
    status.set({ state: 'closed' });
    await expect(whenUsable(status, 'x', 10_000)).rejects.toMatchObject({ brokerCode: 'CLOSED' });
  });

  it('gives up after the timeout with the last fault as the reason', async () => {
    const status = new StatusTracker();
    status.fault(fault, false);
    const error = await whenUsable(status, 'declaring q', 20).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(BrokerUnavailableError);
    expect(error).toMatchObject({ brokerCode: 'ECONNREFUSED', message: 'declaring q: connect ECONNREFUSED' });
  });

  it('reports a first attempt that has not ended as not connected yet', async () => {
    await expect(whenUsable(new StatusTracker(), 'x', 20)).rejects.toMatchObject({
      brokerCode: 'NOT_CONNECTED',
    });
  });
});

describe('firstSettled', () => {
  it('resolves with the first status after connecting', async () => {
    const status = new StatusTracker();
    const settled = firstSettled(status);
    status.fault(fault, false);
    status.connected();
    await expect(settled).resolves.toMatchObject({ state: 'reconnecting' });
  });
});
