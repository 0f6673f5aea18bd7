import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerProcess, type WorkerReply } from './worker-process.js';
import type { WorkerRequest } from './worker-protocol.js';

// A stand-in for runner.py: says hello after argv[1] ms (noting it first in the file argv[2], if given:
// a kill may follow the hello at once), then serves frames on fd 3 one at a time, in order, replying with the request's body (and whether any byte came before the hello) after
// `body.sleep` ms; `body.forge` makes it answer with a wrong sequence number.
const FAKE_RUNNER = `
const socket = new (require('node:net').Socket)({ fd: 3, readable: true, writable: true });
let buffer = Buffer.alloc(0);
let turn = Promise.resolve();
let greeted = false;
let early = false;
const send = (message) => {
  const json = Buffer.from(JSON.stringify(message));
  const header = Buffer.alloc(4);
  header.writeUInt32BE(json.length);
  socket.write(Buffer.concat([header, json]));
};
setTimeout(() => {
  greeted = true;
  if (process.argv[2]) require('node:fs').writeFileSync(process.argv[2], 'said hello');
  send({ ready: true });
}, Number(process.argv[1] ?? 0));
socket.on('data', (chunk) => {
  early ||= !greeted;
  buffer = Buffer.concat([buffer, chunk]);
  while (buffer.length >= 4 && buffer.length >= 4 + buffer.readUInt32BE(0)) {
    const request = JSON.parse(buffer.subarray(4, 4 + buffer.readUInt32BE(0)).toString());
    buffer = buffer.subarray(4 + buffer.readUInt32BE(0));
    const { sleep = 0, forge = false } = request.body ?? {};
    turn = turn.then(() => new Promise((done) => setTimeout(() => {
      send({ seq: forge ? request.seq + 1000 : request.seq, ok: true, value: request.body, early });
      done();
    }, sleep)));
  }
});`;

const workers: WorkerProcess[] = [];

function start(helloAfterMs = 0, helloMarker = ''): WorkerProcess {
  const args = ['-e', FAKE_RUNNER, String(helloAfterMs), helloMarker];
  const worker = new WorkerProcess(
    { command: process.execPath, args, seccomp: undefined },
    { maxFrameBytes: 1 << 20, maxPipeBytes: 1 << 16 },
  );
  workers.push(worker);
  return worker;
}

const call = (body: unknown): WorkerRequest => ({ op: 'call', timeoutMs: 0, body, headers: {} });

/** Sends every request at once and collects each reply by its position. */
function sendAll(worker: WorkerProcess, requests: [body: unknown, deadlineMs: number][]) {
  return Promise.all(
    requests.map(
      ([body, deadlineMs]) =>
        new Promise<WorkerReply>((resolve) =>
          expect(worker.send(call(body), deadlineMs, resolve)).toBe(true),
        ),
    ),
  );
}

afterEach(async () => {
  for (const worker of workers.splice(0)) {
    worker.kill();
    await worker.exited;
  }
});

describe('WorkerProcess', () => {
  it('kills a worker stopped while it starts once it says hello, when the kill reaches it all', async () => {
    const marker = path.join(mkdtempSync(path.join(tmpdir(), 'worker-')), 'hello');
    const worker = start(300, marker);
    const reply = new Promise<WorkerReply>((resolve) => worker.send(call({}), 5_000, resolve));
    worker.kill();
    expect(await reply).toMatchObject({ ok: false, started: true });
    await worker.exited;
    // Not killed at once (that could miss bwrap's inner half) but once it said hello.
    expect(existsSync(marker)).toBe(true);
  });

  it('sends nothing before the runner says hello', async () => {
    const [reply] = await sendAll(start(300), [[{ n: 1 }, 5_000]]);
    expect(reply).toMatchObject({ ok: true, frame: { value: { n: 1 }, early: false } });
  });

  it('answers requests sent before the previous one was answered, each with its own reply', async () => {
    const replies = await sendAll(start(), [
      [{ n: 1, sleep: 50 }, 5_000],
      [{ n: 2 }, 5_000],
      [{ n: 3 }, 5_000],
    ]);
    expect(replies.map((reply) => reply.ok && (reply.frame as { value: { n: number } }).value.n)).toEqual([
      1, 2, 3,
    ]);
  });

  it('counts a deadline from the moment the request reaches the head of the line', async () => {
    // Were the second deadline counted from sending, it would pass while the first request still ran.
    const [first, second] = await sendAll(start(), [
      [{ sleep: 1_500 }, 10_000],
      [{ n: 2 }, 1_000],
    ]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: true, frame: { value: { n: 2 } } });
  });

  it('kills the worker when the head of the line times out; what waited behind it never started', async () => {
    const replies = await sendAll(start(), [
      [{ sleep: 60_000 }, 200],
      [{ n: 2 }, 5_000],
    ]);
    expect(replies).toEqual([
      { ok: false, fault: { kind: 'timeout', message: expect.stringContaining('200 ms') }, started: true },
      { ok: false, fault: expect.objectContaining({ kind: 'timeout' }), started: false },
    ]);
  });

  it('kills the worker for a reply carrying another request’s sequence number', async () => {
    const worker = start();
    const replies = await sendAll(worker, [
      [{ forge: true, sleep: 50 }, 5_000],
      [{ n: 2 }, 5_000],
    ]);
    expect(replies[0]).toMatchObject({
      ok: false,
      fault: { kind: 'crashed', message: /fd 3/ },
      started: true,
    });
    expect(replies[1]).toMatchObject({ ok: false, started: false });
    expect(worker.alive).toBe(false);
  });

  it('reports every pending request as never started when stopped for the caller’s own reasons', async () => {
    const worker = start();
    const replies = sendAll(worker, [
      [{ sleep: 60_000 }, 5_000],
      [{ n: 2 }, 5_000],
    ]);
    worker.kill(undefined, false);
    expect((await replies).map((reply) => !reply.ok && reply.started)).toEqual([false, false]);
    expect(worker.send(call({}), 5_000, () => undefined)).toBe(false);
  });
});
