import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createSnapshot } from '../core/matching/request-snapshot.js';
import type { ServiceRecord, StubRecord } from '../core/ports/index.js';
import { compileRecord, MockRegistry } from './mock-registry.js';
import { matchingStub } from './serve-mock.js';

function service(mode: ServiceRecord['mode'] = 'mock'): ServiceRecord {
  return {
    name: 'pay',
    mode,
    upstream: mode === 'mock' ? null : 'http://127.0.0.1:1',
    claims: {},
    journal: { maxEntries: 10, maxAgeHours: 1, bodyCapBytes: 1024 },
  } as unknown as ServiceRecord;
}

function stub(id: string, path: string, response: Record<string, unknown> = { kind: 'static' }): StubRecord {
  return {
    id,
    service: 'pay',
    doc: { request: { method: 'GET', path }, response },
    createdAt: 1,
    updatedAt: 1,
    createdBy: 'u',
    updatedBy: 'u',
  };
}

const get = (path: string) => createSnapshot({ method: 'GET', path });

describe('MockRegistry', () => {
  it('serves every stub saved so far, also stubs saved after a request was served', () => {
    const registry = new MockRegistry(pino({ level: 'silent' }));
    registry.load([service()], [stub('a', '/a')]);
    registry.putStub('pay', compileRecord(stub('b', '/b')));
    registry.putStub('pay', compileRecord(stub('c', '/c')));
    const live = () => registry.get('pay')!;
    expect(matchingStub(live(), get('/b'))?.id).toBe('b');
    registry.putStub('pay', compileRecord(stub('d', '/d')));
    registry.removeStub('pay', 'a');
    expect(matchingStub(live(), get('/d'))?.id).toBe('d');
    expect(matchingStub(live(), get('/a'))).toBeUndefined();
    expect(registry.stubCount('pay')).toBe(3);
  });

  it('knows which services may forward: a proxy mode, or a proxy stub', () => {
    const registry = new MockRegistry(pino({ level: 'silent' }));
    registry.load([service()], [stub('a', '/a')]);
    expect(registry.get('pay')?.forwards).toBe(false);
    registry.putStub(
      'pay',
      compileRecord(stub('p', '/p', { kind: 'proxy', upstream: 'http://127.0.0.1:1' })),
    );
    expect(registry.get('pay')?.forwards).toBe(true);
    registry.removeStub('pay', 'p');
    registry.putService(service('partial'));
    expect(registry.get('pay')?.forwards).toBe(true);
  });
});
