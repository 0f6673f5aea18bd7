import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.js';
import { AdminClient } from '../../testing/admin-client.js';
import { testConfig } from '../../testing/test-config.js';

let app: App;
let admin: AdminClient;
beforeAll(async () => {
  app = await buildApp(testConfig({ bodyLimitBytes: 64 * 1024 }));
  admin = new AdminClient(app.main);
  await admin.register('root');
});
afterAll(async () => app.close());

function expectEnvelope(res: { statusCode: number; json(): unknown }) {
  expect(res.statusCode).toBeGreaterThanOrEqual(400);
  expect(res.statusCode).toBeLessThan(500);
  const body = res.json() as { error: { code: string; message: string; details: unknown[] } };
  expect(typeof body.error.code).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(Array.isArray(body.error.details)).toBe(true);
}

describe('bad input to the admin API', () => {
  it('names the missing field', async () => {
    const res = await admin.post('/internal/auth/register', { username: 'eve' });
    expectEnvelope(res);
    expect(res.json().error.details).toContainEqual({ path: '/body/password', message: 'is required' });
  });

  it('names an unknown field instead of dropping it', async () => {
    const res = await admin.post('/internal/tokens', { name: 'x', scope: 'all' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toContainEqual({
      path: '/body/scope',
      message: 'is not a known field; remove it',
    });
  });

  it('does not take a number for a string', async () => {
    const res = await admin.post('/internal/tokens', { name: 7 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('/body/name');
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await app.main.inject({
      method: 'POST',
      url: '/internal/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "ada",',
    });
    expectEnvelope(res);
    expect(res.json().error.code).toBe('MALFORMED_JSON');
  });

  it('answers an oversized body with 413', async () => {
    const res = await admin.post('/internal/tokens', { name: 'x'.repeat(100_000) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('BODY_TOO_LARGE');
  });

  it('answers a non-JSON media type with 415', async () => {
    const res = await app.main.inject({
      method: 'POST',
      url: '/internal/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expectEnvelope(res);
    expect(res.statusCode).toBe(415);
  });

  it('answers an unknown admin path with 404 in the envelope', async () => {
    const res = await admin.get('/internal/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('never answers random JSON on the auth endpoints with a 5xx', async () => {
    const urls = ['/internal/auth/register', '/internal/auth/login', '/internal/tokens'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...urls), fc.jsonValue(), async (url, body) => {
        const res = await app.main.inject({
          method: 'POST',
          url,
          headers: {
            'content-type': 'application/json',
            cookie: admin.cookie ?? '',
            origin: 'http://localhost:80',
            host: 'localhost:80',
          },
          payload: JSON.stringify(body),
        });
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode >= 400) expectEnvelope(res);
      }),
      { numRuns: 150 },
    );
  });

  it('never answers random text bodies with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
        const res = await app.main.inject({
          method: 'POST',
          url: '/internal/auth/login',
          headers: { 'content-type': 'application/json' },
          payload: text,
        });
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  });
});
