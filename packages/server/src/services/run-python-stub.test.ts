import { describe, expect, it } from 'vitest';
import type { CompiledStub } from '../core/matching/compile-stub.js';
import { createSnapshot } from '../core/matching/request-snapshot.js';
import type { HandlerResponse, HandlerRunner } from '../core/ports/index.js';
import type { CompiledPythonResponse } from '../core/responses/compile-response.js';
import { runPythonStub } from './run-python-stub.js';

const response: CompiledPythonResponse = {
  kind: 'python',
  code: 'def handler(b, h):\n  return b',
  timeoutMs: null,
};
const stub = { id: 'stub-1', name: null, response } as unknown as CompiledStub;
const snapshot = createSnapshot({ method: 'POST', path: '/x', body: '{"id":1}' });

/** A runner that answers each call with the next of `values`, as a fresh object (like a parsed frame). */
function runnerAnswering(values: HandlerResponse[]): HandlerRunner {
  let next = 0;
  return {
    validate: () => Promise.resolve(),
    close: () => Promise.resolve(),
    run: () => {
      const value = structuredClone(values[next++]!);
      return Promise.resolve({ ok: true, value, stdout: '', stderr: '', durationMs: 0.1 }) as never;
    },
  };
}

async function headersOf(values: HandlerResponse[]) {
  const runner = runnerAnswering(values);
  const answers = [];
  for (let i = 0; i < values.length; i++)
    answers.push(await runPythonStub(runner, stub, response, snapshot, {}));
  return answers.map((answer) => answer.headers);
}

const answer = (headers: Record<string, string>): HandlerResponse => ({
  status: 200,
  headers,
  body: { type: 'json', value: { ok: true } },
});

describe('runPythonStub', () => {
  it('answers equal header sets with one frozen object, and different ones with their own', async () => {
    const json = { 'content-type': 'application/json; charset=utf-8' };
    const text = { 'content-type': 'text/plain; charset=utf-8' };
    const two = { 'content-type': 'text/plain', 'x-id': '7' };
    const twoOther = { 'content-type': 'text/plain', 'x-id': '8' };
    const [a, b, c, d, e, f] = await headersOf([json, json, text, two, two, twoOther].map(answer));
    expect(a).toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
    expect(a).toEqual(json);
    expect(c).toEqual(text);
    expect(d).toBe(e);
    expect(d).toEqual(two);
    expect(f).toEqual(twoOther);
  });

  it('sends the body the handler returned, as bytes', async () => {
    const runner = runnerAnswering([answer({ 'content-type': 'application/json' })]);
    const result = await runPythonStub(runner, stub, response, snapshot, {});
    expect(result.status).toBe(200);
    expect(Buffer.from(result.body).toString()).toBe('{"ok":true}');
  });
});
