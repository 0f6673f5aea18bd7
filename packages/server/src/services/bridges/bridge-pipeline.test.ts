import { describe, expect, it } from 'vitest';
import {
  BrokerRejectedError,
  BrokerUnavailableError,
  type BridgeRecord,
  type DeadLetterRecord,
  type DeadLetterStore,
  type Delivery,
} from '../../core/ports/index.js';
import type { OutMessage } from '../../core/bridging/mapper-io.js';
import { BridgeHops } from './bridge-hops.js';
import { OutUnavailableError, processBatch, type PipelineDeps } from './bridge-pipeline.js';
import { sha256 } from './bridge-runner.js';
import type { MapResult } from './mappers.js';

const NO_OUTPUT = { stdout: '', stderr: '', durationMs: 0 };

function delivery(seq: number): Delivery {
  return {
    body: Buffer.from(JSON.stringify({ seq })),
    headers: {},
    properties: {},
    subject: 'in',
    exchange: '',
    redelivered: false,
    brokerMessageId: `m-${seq}`,
    receivedAt: new Date(0),
  };
}

const seqOf = (bytes: Uint8Array) => (JSON.parse(Buffer.from(bytes).toString()) as { seq: number }).seq;

function harness(map: (seq: number, call: number) => MapResult | Promise<MapResult>, concurrency = 1) {
  const published: Array<{ seq: number; id: string }> = [];
  const buried: DeadLetterRecord[] = [];
  const calls = new Map<number, number>();
  let refuse: (seq: number) => Error | null = () => null;
  const deadLetters = { add: async (l: DeadLetterRecord) => (buried.push(l), buried.length) };
  const deps: PipelineDeps = {
    bridge: { id: 'b', concurrency, retry: { attempts: 3, backoffMs: 1 } } as BridgeRecord,
    mapper: {
      run: async (input) => {
        const seq = seqOf(input.bytes);
        calls.set(seq, (calls.get(seq) ?? 0) + 1);
        return map(seq, calls.get(seq) ?? 1);
      },
    },
    publish: async (message: OutMessage, id: string) => {
      const error = refuse(seqOf(message.body));
      if (error) throw error;
      published.push({ seq: seqOf(message.body), id });
    },
    deadLetters: deadLetters as unknown as DeadLetterStore,
    hops: new BridgeHops(),
    clock: { now: () => 5 },
    digest: sha256,
  };
  const echo = (seq: number): MapResult => ({
    ok: true,
    messages: [{ body: Buffer.from(JSON.stringify({ seq })), headers: {}, properties: {} }],
    ...NO_OUTPUT,
  });
  return { deps, published, buried, calls, echo, refuseWith: (f: typeof refuse) => (refuse = f) };
}

const batch = (n: number) => Array.from({ length: n }, (_, i) => delivery(i));
const failure = (message: string): MapResult => ({
  ok: false,
  error: { kind: 'exception', message, traceback: 'tb' },
  ...NO_OUTPUT,
});

describe('processBatch', () => {
  it('publishes in IN order with the IN message ids when concurrency is 1', async () => {
    const h = harness((seq) =>
      seq % 2 ? new Promise((r) => setTimeout(() => r(h.echo(seq)), 3)) : h.echo(seq),
    );
    expect(await processBatch(batch(6), h.deps)).toEqual({ in: 6, out: 6, dropped: 0, dead: 0 });
    expect(h.published).toEqual([0, 1, 2, 3, 4, 5].map((seq) => ({ seq, id: `m-${seq}` })));
  });

  it('retries a failing message, then keeps it as a dead letter and goes on', async () => {
    const h = harness((seq, call) =>
      seq === 1 || (seq === 2 && call === 1) ? failure(`no ${seq}`) : h.echo(seq),
    );
    expect(await processBatch(batch(4), h.deps)).toEqual({ in: 4, out: 3, dropped: 0, dead: 1 });
    expect(h.calls.get(1)).toBe(3);
    expect(h.calls.get(2)).toBe(2);
    expect(h.buried).toMatchObject([
      { messageId: 'm-1', attempts: 3, error: { message: 'no 1', traceback: 'tb' } },
    ]);
    expect(h.published.map((p) => p.seq)).toEqual([0, 2, 3]);
  });

  it('sends the batch back when OUT is unavailable, and stops mapping the rest', async () => {
    const h = harness((seq) => h.echo(seq));
    h.refuseWith((seq) => (seq === 1 ? new BrokerRejectedError('no route', 'NO_ROUTE', 404) : null));
    await expect(processBatch(batch(50), h.deps)).rejects.toBeInstanceOf(OutUnavailableError);
    expect(h.calls.size).toBeLessThan(50);
    expect(h.buried).toEqual([]);
    h.refuseWith(() => new BrokerUnavailableError('down', 'ECONNREFUSED'));
    await expect(processBatch(batch(3), h.deps)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('buries a message OUT refuses for itself (too large) and goes on', async () => {
    const h = harness((seq) => h.echo(seq));
    h.refuseWith((seq) => (seq === 0 ? new BrokerRejectedError('too big', 'CONTENT_TOO_LARGE') : null));
    expect(await processBatch(batch(2), h.deps)).toEqual({ in: 2, out: 1, dropped: 0, dead: 1 });
    expect(h.buried[0]?.error.kind).toBe('out-refused');
  });

  it('maps up to `concurrency` messages at once', async () => {
    let running = 0;
    let most = 0;
    const h = harness(async (seq) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
      return h.echo(seq);
    }, 3);
    await processBatch(batch(12), h.deps);
    expect(most).toBe(3);
    expect(h.published).toHaveLength(12);
  });
});
