import { describe, expect, it } from 'vitest';
import { createSnapshot } from '../../core/matching/request-snapshot.js';
import { entryText, entryTextParts } from '../../core/mocking/self-encoding-record.js';
import type { ServiceRecord } from '../../core/ports/index.js';
import { presentEntry } from '../../services/journal-query.js';
import { markConstant, MockCallRecord, type RecordedAnswer } from './mock-call-record.js';

const bytes = (text: string) => new TextEncoder().encode(text);

function service(bodyCapBytes = 1024): ServiceRecord {
  return { name: 'pay', journal: { bodyCapBytes, maxEntries: 100, maxAgeHours: 1 } } as ServiceRecord;
}

const stubAnswer = (): RecordedAnswer => ({
  kind: 'stub',
  status: 200,
  stubId: 's1',
  stubName: 'hello',
  nearMisses: [],
  headers: { 'content-type': 'text/plain', 'set-cookie': ['a=1', 'b=2'] },
  body: bytes('hi "there"'),
});

const snapshot = createSnapshot({
  method: 'post',
  path: '/orders/7',
  search: 'a=1&a=2&b=%C3%A9',
  headerSource: { headers: { 'x-trace': 'é"\n', cookie: 'c=1', 'set-cookie': ['x', 'y'] } },
  body: bytes('{"type":"express"}'),
});

describe('MockCallRecord', () => {
  it('keeps the call columns and an entry with request, answer and latency', () => {
    const record = new MockCallRecord(service(), snapshot, stubAnswer(), 1.23456);
    expect(record).toMatchObject({
      service: 'pay',
      method: 'POST',
      path: '/orders/7',
      status: 200,
      stubId: 's1',
    });
    expect(record.entry).toEqual({
      query: { a: ['1', '2'], b: ['é'] },
      headers: { 'x-trace': 'é"\n', cookie: 'c=1', 'set-cookie': 'x, y' },
      body: { text: '{"type":"express"}', size: 18, truncated: false },
      latencyMs: 1.235,
      kind: 'stub',
      stubName: 'hello',
      response: {
        headers: { 'content-type': 'text/plain', 'set-cookie': ['a=1', 'b=2'] },
        body: { text: 'hi "there"', size: 10, truncated: false },
      },
    });
  });

  it('leaves fields at their default out of the stored entry, and the API view puts them back', () => {
    const bare = createSnapshot({ method: 'GET', path: '/ping', headerSource: { headers: { host: 'h' } } });
    const answer = { ...stubAnswer(), stubName: null, body: new Uint8Array(0) };
    const record = new MockCallRecord(service(), bare, answer, 0.5);
    const stored = record.encodeEntry();
    expect(JSON.parse(stored)).toEqual({
      headers: { host: 'h' },
      latencyMs: 0.5,
      kind: 'stub',
      response: { headers: answer.headers, body: null },
    });
    record.id = 7;
    const view = presentEntry({ ...record, entry: JSON.parse(stored) as Record<string, unknown> });
    expect(view).toMatchObject({
      id: '7',
      query: {},
      body: null,
      stubName: null,
      nearMisses: [],
      handler: null,
      headers: { host: 'h' },
    });
  });

  it('writes as JSON text exactly the entry it shows', () => {
    const answers: RecordedAnswer[] = [
      stubAnswer(),
      {
        kind: 'unmatched',
        status: 404,
        stubId: null,
        stubName: null,
        nearMisses: [
          {
            stubId: 's1',
            name: 'n',
            distance: 0.5,
            diffs: [{ field: 'path', expected: '/a', actual: '/b' }],
          },
        ],
        headers: { 'content-type': 'application/json' },
        body: bytes('{"error":{}}'),
      },
      { ...stubAnswer(), kind: 'error', status: 413, body: new Uint8Array(0), error: 'too large' },
      {
        ...stubAnswer(),
        captured: { request: null, response: { base64: 'AAE=', size: 2, truncated: false } },
      },
      {
        ...stubAnswer(),
        headers: Object.freeze({ 'content-type': 'application/json; charset=utf-8' }),
        handler: { stdout: 'hi "you"\n', stderr: '', traceback: null, durationMs: 0.0027049999989685602 },
      },
      {
        ...stubAnswer(),
        status: 500,
        headers: Object.freeze({ 'content-type': 'application/json' }),
        handler: { stdout: '', stderr: 'é', traceback: 'Traceback …', durationMs: 1 },
        error: 'ZeroDivisionError: division by zero',
      },
    ];
    for (const answer of answers) {
      const record = new MockCallRecord(service(), snapshot, answer, 0.5);
      expect(JSON.parse(record.encodeEntry())).toEqual(record.entry);
    }
  });

  it('caps captured bodies at the service cap, also for an answer shared by every request', () => {
    const answer = stubAnswer();
    Object.freeze(answer);
    markConstant(answer);
    const wide = new MockCallRecord(service(1024), snapshot, answer, 0);
    const narrow = new MockCallRecord(service(2), snapshot, answer, 0);
    expect(JSON.parse(wide.encodeEntry()).response.body).toEqual({
      text: 'hi "there"',
      size: 10,
      truncated: false,
    });
    expect(JSON.parse(narrow.encodeEntry()).response.body).toEqual({ text: 'hi', size: 10, truncated: true });
    expect(JSON.parse(narrow.encodeEntry()).body).toEqual({ text: '{"', size: 18, truncated: true });
    expect(JSON.parse(wide.encodeEntry()).response.body.truncated).toBe(false);
  });

  it('splits off the end a constant answer gives every entry, the same string each time', () => {
    const answer = Object.freeze(stubAnswer());
    markConstant(answer);
    const first = new MockCallRecord(service(), snapshot, answer, 0.5);
    const second = new MockCallRecord(service(), snapshot, answer, 2);
    const parts = entryTextParts(first, () => 'not used');
    expect(parts.shared).toBeDefined();
    expect(parts.own + parts.shared).toBe(first.encodeEntry());
    expect(entryTextParts(second, () => 'not used').shared).toBe(parts.shared);
    expect(JSON.parse(first.encodeEntry())).toEqual(first.entry);
  });

  it('shares nothing for an answer of its own (a handler, a no-match)', () => {
    const record = new MockCallRecord(service(), snapshot, stubAnswer(), 0);
    expect(entryTextParts(record, () => 'not used')).toEqual({
      own: record.encodeEntry(),
      shared: undefined,
    });
    const plain = { ...record, entry: { a: 1 } };
    expect(entryTextParts(plain, JSON.stringify)).toEqual({ own: '{"a":1}', shared: undefined });
  });

  it('is written through its own encoding by the stores', () => {
    const record = new MockCallRecord(service(), snapshot, stubAnswer(), 0);
    expect(entryText(record, () => 'not used')).toBe(record.encodeEntry());
    const plain = { ...record, entry: { a: 1 } };
    expect(entryText(plain, JSON.stringify)).toBe('{"a":1}');
  });
});
