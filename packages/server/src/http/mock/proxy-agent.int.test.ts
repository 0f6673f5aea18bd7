import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllowList } from '../../core/proxy/upstream-policy.js';
import { createUpstreamAgent } from './proxy-agent.js';
import { AddressGuard, type HostLookup } from './proxy-guard.js';
import { startUpstream, type TestUpstream } from './proxy-upstream.fixture.js';

let upstream: TestUpstream;

beforeEach(async () => {
  upstream = await startUpstream();
});
afterEach(async () => upstream.close());

/** A resolver that answers from a script, one answer per call, then repeats the last. */
function scriptedLookup(...answers: string[][]): HostLookup & { calls: number } {
  const lookup = Object.assign(
    async () => {
      const answer = answers[Math.min(lookup.calls, answers.length - 1)] ?? [];
      lookup.calls++;
      return answer;
    },
    { calls: 0 },
  );
  return lookup;
}

async function get(guard: AddressGuard, host: string) {
  const agent = createUpstreamAgent(guard);
  try {
    const res = await agent.request({ origin: `http://${host}:${upstream.port}`, path: '/x', method: 'GET' });
    await res.body.dump();
    return res.statusCode;
  } finally {
    await agent.close();
  }
}

describe('the connect-time SSRF guard', () => {
  it('refuses a name that resolved publicly when saved but privately when connecting (DNS rebinding)', async () => {
    const lookup = scriptedLookup(['93.184.216.34'], ['127.0.0.1']);
    const guard = new AddressGuard(parseAllowList(['127.0.0.2']), lookup);
    expect(await guard.assess(`http://rebind.test:${upstream.port}`)).toBeUndefined();
    await expect(get(guard, 'rebind.test')).rejects.toMatchObject({ code: 'UPSTREAM_FORBIDDEN' });
    expect(upstream.seen).toEqual([]);
  });

  it('connects to the allowed address it checked, whatever else the name resolves to', async () => {
    const guard = new AddressGuard(parseAllowList(['127.0.0.1']), scriptedLookup(['10.0.0.1', '127.0.0.1']));
    expect(await get(guard, 'mixed.test')).toBe(200);
    expect(upstream.seen[0]?.headers.host).toBe(`mixed.test:${upstream.port}`);
  });

  it('checks IP literals without a lookup, and lets allow-listed host names through', async () => {
    const lookup = scriptedLookup(['127.0.0.1']);
    await expect(get(new AddressGuard(parseAllowList([]), lookup), '127.0.0.1')).rejects.toMatchObject({
      code: 'UPSTREAM_FORBIDDEN',
    });
    expect(lookup.calls).toBe(0);
    expect(await get(new AddressGuard(parseAllowList(['named.test']), lookup), 'named.test')).toBe(200);
  });

  it('lets a save go through when the name does not resolve yet', async () => {
    const guard = new AddressGuard(parseAllowList([]), () => Promise.reject(new Error('ENOTFOUND')));
    expect(await guard.assess('http://not-yet.test')).toBeUndefined();
  });
});
