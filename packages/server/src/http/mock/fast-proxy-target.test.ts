import type { IncomingMessage } from 'node:http';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { CompiledStub } from '../../core/matching/compile-stub.js';
import type { ServiceRecord } from '../../core/ports/index.js';
import { MockRegistry } from '../../services/mock-registry.js';
import { planOf, protocolOf, targetPath, unforwardablePath, upstreamTarget } from './fast-proxy-target.js';
import { RECORD_LIMIT_BYTES } from './proxy-exchange.js';

function live(overrides: Partial<ServiceRecord>) {
  const record: ServiceRecord = {
    name: 'pay',
    description: '',
    mode: 'proxy',
    upstream: 'http://up.example:8080/api',
    claims: {},
    journal: { maxEntries: 100, maxAgeHours: 1, bodyCapBytes: 1000 },
    ownerId: 'u1',
    createdAt: 0,
    updatedAt: 0,
    modeChangedAt: 0,
    modeChangedBy: 'ada',
    ...overrides,
  };
  const registry = new MockRegistry(pino({ level: 'silent' }));
  registry.load([record], []);
  const service = registry.get('pay');
  if (!service) throw new Error('not loaded');
  return service;
}

const request = (headers: Record<string, string>, encrypted = false) =>
  ({ headers, socket: { encrypted } }) as unknown as IncomingMessage;

describe('upstream targets', () => {
  it('splits an upstream into the pool origin, its base path and the Host it expects', () => {
    expect(upstreamTarget('http://Up.Example:80/api?k=1')).toEqual({
      origin: 'http://up.example',
      base: '/api?k=1',
      host: 'up.example',
    });
    expect(upstreamTarget('https://up.example:8443')).toMatchObject({ base: '/', host: 'up.example:8443' });
  });

  it('puts the service path under the base path and keeps both queries', () => {
    const target = upstreamTarget('http://up.example/api/?k=1');
    expect(targetPath(target, '/orders/7', 'x=1&y=%20')).toBe('/api/orders/7?k=1&x=1&y=%20');
    expect(targetPath(upstreamTarget('http://up.example'), '/o', '')).toBe('/o');
  });
});

describe('paths that are not forwarded', () => {
  it('refuses a ".." segment, written plainly or percent-encoded', () => {
    expect(unforwardablePath('/a/../admin')).toMatch(/\.\./);
    expect(unforwardablePath('/a/%2e%2E/admin')).toMatch(/\.\./);
    expect(unforwardablePath('/a/..%2fadmin')).toMatch(/\.\./);
    expect(unforwardablePath('/..')).toMatch(/\.\./);
  });

  it('refuses a broken %-escape', () => {
    expect(unforwardablePath('/a/%zz')).toMatch(/%-escape/);
  });

  it('lets dots that are not a whole segment through', () => {
    expect(unforwardablePath('/a/...b/c..d/[...slug]')).toBeUndefined();
    expect(unforwardablePath('/a%20b/c.json')).toBeUndefined();
  });
});

describe('the scheme the client used', () => {
  it("is the socket's unless a trusted proxy says otherwise (the last X-Forwarded-Proto entry)", () => {
    expect(protocolOf(request({ 'x-forwarded-proto': 'https' }), false)).toBe('http');
    expect(protocolOf(request({}, true), false)).toBe('https');
    expect(protocolOf(request({ 'x-forwarded-proto': 'http, https ' }), true)).toBe('https');
    expect(protocolOf(request({}), true)).toBe('http');
  });
});

describe('service plans', () => {
  it('forwards everything one way in proxy mode, recording when the service records', () => {
    const plan = planOf(live({ proxy: { timeoutMs: 500, keepHost: false, record: true } }));
    expect(plan.forwardAll).toMatchObject({
      recording: true,
      keepBytes: RECORD_LIMIT_BYTES + 1,
      target: { origin: 'http://up.example:8080', base: '/api' },
      decision: { kind: 'proxy', stub: null, pathRewrite: null },
    });
    expect(plan.settings.timeoutMs).toBe(500);
  });

  it('keeps only the journal cap when not recording, and never records what a stub forwards', () => {
    const plan = planOf(live({ mode: 'partial', proxy: { timeoutMs: 500, keepHost: false, record: true } }));
    expect(plan.forwardAll).toBeUndefined();
    const stub = { id: 's1' } as unknown as CompiledStub;
    const byStub = plan.forwarding({ kind: 'proxy', upstream: 'http://other:1', stub, pathRewrite: null });
    expect(byStub).toMatchObject({ recording: false, keepBytes: 1001, target: { origin: 'http://other:1' } });
    const unmatched = plan.forwarding({
      kind: 'proxy',
      upstream: 'http://up.example:8080/api',
      stub: null,
      pathRewrite: null,
    });
    expect(unmatched.recording).toBe(true);
    // Worked out once per stub and once for what no stub matched, whatever decision object comes.
    expect(plan.forwarding({ kind: 'proxy', upstream: 'http://other:1', stub, pathRewrite: null })).toBe(
      byStub,
    );
    expect(plan.forwarding({ kind: 'proxy', upstream: 'x', stub: null, pathRewrite: null })).toBe(unmatched);
  });

  it('works a plan out once per version of the service', () => {
    const service = live({});
    expect(planOf(service)).toBe(planOf(service));
    expect(planOf(live({}))).not.toBe(planOf(service));
  });

  it('never records in mock mode', () => {
    const plan = planOf(live({ mode: 'mock', proxy: { timeoutMs: 500, keepHost: false, record: true } }));
    const how = plan.forwarding({ kind: 'proxy', upstream: 'http://o:1', stub: null, pathRewrite: null });
    expect(how.recording).toBe(false);
  });
});
