import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

/**
 * Drives the admin API through `inject` the way a browser would: it keeps the session cookie and
 * sends a same-origin Origin with every state change.
 */
export class AdminClient {
  cookie: string | undefined;
  bearer: string | undefined;
  constructor(private readonly app: FastifyInstance) {}

  async request(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { host: 'understudy.test' };
    if (method !== 'GET' && method !== 'HEAD') headers.origin = 'http://understudy.test';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...(body === undefined ? {} : { payload: body as object }),
    });
    const setCookie = res.cookies.find((c) => c.name === 'understudy_session');
    if (setCookie) this.cookie = setCookie.value ? `understudy_session=${setCookie.value}` : undefined;
    return res;
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body: unknown = {}) {
    return this.request('POST', url, body);
  }
  patch(url: string, body: unknown) {
    return this.request('PATCH', url, body);
  }
  put(url: string, body: unknown) {
    return this.request('PUT', url, body);
  }
  delete(url: string) {
    return this.request('DELETE', url, {});
  }

  /** Registers (first user ⇒ admin) and keeps the session. */
  async register(
    username: string,
    password = 'correct horse battery',
  ): Promise<{ id: string; role: string }> {
    const res = await this.post('/internal/auth/register', { username, password });
    if (res.statusCode !== 201) throw new Error(`register ${username}: ${res.statusCode} ${res.body}`);
    return res.json().user;
  }
}
