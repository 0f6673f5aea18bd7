import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.js';
import { AdminClient } from '../../testing/admin-client.js';
import { testConfig } from '../../testing/test-config.js';

let app: App;
let ada: AdminClient;

beforeAll(async () => {
  app = await buildApp(testConfig());
  ada = new AdminClient(app.main);
  await ada.register('ada');
  await ada.post('/internal/services', { name: 'py' });
});
afterAll(async () => app?.close());

async function pythonStub(path: string, code: string, extra: object = {}) {
  return ada.post('/internal/services/py/stubs', {
    request: { path },
    response: { kind: 'python', code, ...extra },
  });
}

const json = (payload: unknown) => ({
  method: 'POST' as const,
  headers: { 'content-type': 'application/json' },
  payload: JSON.stringify(payload),
});

describe('Python handler stubs', () => {
  it('echoes a body field with a header and status, and journals the printed output', async () => {
    const code = [
      'def handler(body, headers):',
      '    print("got", body["name"])',
      '    return (201, {"hello": body["name"]}, {"x-handled": "yes"})',
    ].join('\n');
    expect((await pythonStub('/echo', code)).statusCode).toBe(201);
    const res = await app.main.inject({ url: '/proxy/py/echo', ...json({ name: 'Ada' }) });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ hello: 'Ada' });
    expect(res.headers['x-handled']).toBe('yes');
    const entry = (await ada.get('/internal/services/py/requests?limit=1')).json().items[0];
    expect(entry.handler.stdout).toBe('got Ada\n');
    expect(entry.kind).toBe('stub');
  });

  it('passes path parameters and the query to a three-parameter handler', async () => {
    const code =
      'def handler(body, headers, request):\n    return {"id": request["params"]["id"], "q": request["query"]}';
    await ada.post('/internal/services/py/stubs', {
      request: { path: { template: '/orders/{id}' } },
      response: { kind: 'python', code },
    });
    const res = await app.main.inject({ url: '/proxy/py/orders/42?x=1' });
    expect(res.json()).toEqual({ id: '42', q: { x: ['1'] } });
  });

  it('refuses code that does not compile with 400 HANDLER_INVALID naming the line', async () => {
    const res = await pythonStub('/bad', 'def handler(body, headers)\n    return 1');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('HANDLER_INVALID');
    expect(res.json().error.details[0]).toMatchObject({
      path: '/body/response/code',
      message: expect.stringMatching(/^line 1, column \d+/),
    });
  });

  it('answers an exception with 500 and the traceback, journals it, and keeps serving', async () => {
    await pythonStub('/boom', 'def handler(body, headers):\n    raise ValueError("no way")');
    const res = await app.main.inject({ url: '/proxy/py/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('HANDLER_ERROR');
    expect(res.json().traceback).toContain('ValueError: no way');
    const entry = (await ada.get('/internal/services/py/requests?limit=1')).json().items[0];
    expect(entry.handler.traceback).toContain('ValueError');
    expect((await app.main.inject({ url: '/proxy/py/orders/7' })).statusCode).toBe(200);
  });

  it('answers a handler that never returns with 504 and the next call still works', async () => {
    await pythonStub('/loop', 'def handler(body, headers):\n    while True:\n        pass', {
      timeoutMs: 300,
    });
    expect((await app.main.inject({ url: '/proxy/py/loop' })).statusCode).toBe(504);
    expect((await app.main.inject({ url: '/proxy/py/orders/8' })).json()).toMatchObject({ id: '8' });
  });

  it('gives a text body to the handler when it is not JSON', async () => {
    await pythonStub('/text', 'def handler(body, headers):\n    return "len=" + str(len(body))');
    const res = await app.main.inject({
      method: 'POST',
      url: '/proxy/py/text',
      headers: { 'content-type': 'text/plain' },
      payload: 'abc{',
    });
    expect(res.body).toBe('len=4');
    expect(res.headers['content-type']).toMatch(/text\/plain/);
  });

  it('runs code once on a sample request with POST /internal/handlers/try', async () => {
    const res = await ada.post('/internal/handlers/try', {
      code: 'def handler(body, headers):\n    print("hi")\n    return {"n": body["n"] + 1}',
      request: { method: 'POST', path: '/x', body: { n: 1 } },
    });
    expect(res.json()).toMatchObject({
      ok: true,
      status: 200,
      body: { n: 2 },
      bodyType: 'json',
      stdout: 'hi\n',
    });
    const failing = await ada.post('/internal/handlers/try', {
      code: 'def handler(body, headers):\n    return 1/0',
    });
    expect(failing.json()).toMatchObject({ ok: false, error: { kind: 'exception' } });
    const invalid = await ada.post('/internal/handlers/try', { code: 'def nope(:' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.details[0].path).toBe('/body/code');
  });
});
