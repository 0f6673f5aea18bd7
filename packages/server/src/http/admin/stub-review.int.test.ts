import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { AdminClient } from '../../testing/admin-client.js';
import {
  createService,
  startProxyApp,
  startUpstream,
  type TestUpstream,
} from '../mock/proxy-upstream.fixture.js';

// Reviewing recordings through the admin API (issue 5, "Record"): list what the recorder made,
// enable or discard it in bulk, and the SSRF guard on a proxy stub's own upstream.

let app: App;
let ada: AdminClient;
let mainUrl: string;
let upstream: TestUpstream;

type StubView = { id: string; name?: string; enabled: boolean; createdBy: string };

beforeEach(async () => {
  upstream = await startUpstream((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ real: req.url }));
  });
  ({ app, ada, mainUrl } = await startProxyApp());
  await createService(ada, { name: 'pay', mode: 'proxy', upstream: upstream.url, proxy: { record: true } });
});
afterEach(async () => {
  await app.close();
  await upstream.close();
});

async function stubs(query = ''): Promise<StubView[]> {
  const res = await ada.get(`/internal/services/pay/stubs${query}`);
  expect(res.statusCode).toBe(200);
  return res.json().items as StubView[];
}

/** Calls the service through the proxy, then waits until the recorder has made `count` stubs. */
async function record(paths: string[], count: number): Promise<StubView[]> {
  for (const path of paths) expect((await fetch(`${mainUrl}/proxy/pay${path}`)).status).toBe(200);
  await expect.poll(async () => (await stubs('?recorded=true')).length).toBe(count);
  return stubs('?recorded=true');
}

const handMade = {
  name: 'hand made',
  request: { method: 'GET', path: '/hand' },
  response: { kind: 'static', text: 'mine' },
};

describe('the recorded filter of the stub list', () => {
  it('separates recorded stubs from hand-made ones, and disabled from enabled', async () => {
    expect((await ada.post('/internal/services/pay/stubs', handMade)).statusCode).toBe(201);
    const recorded = await record(['/a', '/b'], 2);
    expect(recorded.map((s) => s.name).sort()).toEqual(['Recorded GET /a', 'Recorded GET /b']);
    expect(recorded.every((s) => s.createdBy === 'recorder' && !s.enabled)).toBe(true);

    expect((await stubs('?recorded=false')).map((s) => s.name)).toEqual(['hand made']);
    expect((await stubs('?enabled=true')).map((s) => s.name)).toEqual(['hand made']);
    expect(await stubs('?recorded=true&enabled=false')).toHaveLength(2);
    expect(await stubs()).toHaveLength(3);
  });

  it('refuses a filter it does not know, naming it', async () => {
    const res = await ada.get('/internal/services/pay/stubs?recorded=maybe');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('recorded');
  });
});

describe('bulk actions on stubs', () => {
  it('enables the reviewed recordings at once, and they answer in mock mode', async () => {
    const recorded = await record(['/a', '/b'], 2);
    const ids = recorded.map((s) => s.id);
    const res = await ada.post('/internal/services/pay/stubs/bulk', { action: 'enable', ids });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ action: 'enable', ids: expect.arrayContaining(ids) });
    expect(await stubs('?recorded=true&enabled=false')).toHaveLength(0);
    // Enabling again changes nothing, and says so.
    const again = await ada.post('/internal/services/pay/stubs/bulk', { action: 'enable', ids });
    expect(again.json()).toEqual({ action: 'enable', ids: [] });

    expect((await ada.patch('/internal/services/pay', { mode: 'mock' })).statusCode).toBe(200);
    await upstream.close();
    const replay = await fetch(`${mainUrl}/proxy/pay/b`);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ real: '/b' });
  });

  it('discards recordings in bulk, and a discarded call is recorded again', async () => {
    const [first, second] = await record(['/a', '/b'], 2);
    const res = await ada.post('/internal/services/pay/stubs/bulk', {
      action: 'delete',
      ids: [first?.id, second?.id],
    });
    expect(res.json().ids).toHaveLength(2);
    expect(await stubs()).toHaveLength(0);
    await record(['/a'], 1);
  });

  it('changes nothing when one id is unknown', async () => {
    const [stub] = await record(['/a'], 1);
    const res = await ada.post('/internal/services/pay/stubs/bulk', {
      action: 'enable',
      ids: [stub?.id, 'no-such-stub'],
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toContain('no-such-stub');
    expect((await stubs('?enabled=true')).length).toBe(0);
  });

  it('refuses an unknown action, an empty list, and a member who does not own the service', async () => {
    const [stub] = await record(['/a'], 1);
    const ids = [stub?.id];
    const bad = await ada.post('/internal/services/pay/stubs/bulk', { action: 'approve', ids });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('/body/action');
    const empty = await ada.post('/internal/services/pay/stubs/bulk', { action: 'enable', ids: [] });
    expect(empty.statusCode).toBe(400);

    const bob = new AdminClient(app.main);
    await bob.register('bob');
    const foreign = await bob.post('/internal/services/pay/stubs/bulk', { action: 'enable', ids });
    expect(foreign.statusCode).toBe(403);
    expect((await stubs('?enabled=true')).length).toBe(0);
  });
});

describe('a proxy stub with its own upstream', () => {
  const proxyStub = (target: string) => ({
    request: { method: 'GET', path: '/elsewhere' },
    response: { kind: 'proxy', upstream: target },
  });

  it('is refused when the upstream is private and not allowed, naming the field', async () => {
    for (const target of ['http://10.1.2.3:8080', 'http://169.254.169.254/latest']) {
      const res = await ada.post('/internal/services/pay/stubs', proxyStub(target));
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'UPSTREAM_FORBIDDEN',
        details: [{ path: '/body/response/upstream' }],
      });
    }
    expect(await stubs()).toHaveLength(0);
  });

  it('is saved when the upstream is allowed (--proxy-allow) or public, and checked again on replace', async () => {
    const allowed = await ada.post('/internal/services/pay/stubs', proxyStub(upstream.url));
    expect(allowed.statusCode).toBe(201);
    const { id } = allowed.json() as { id: string };
    expect(
      (await ada.put(`/internal/services/pay/stubs/${id}`, proxyStub('http://93.184.216.34'))).statusCode,
    ).toBe(200);
    const replaced = await ada.put(`/internal/services/pay/stubs/${id}`, proxyStub('http://192.168.0.10'));
    expect(replaced.statusCode).toBe(400);
    expect(replaced.json().error.details[0].path).toBe('/body/response/upstream');
  });
});
