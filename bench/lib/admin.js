/** A tiny admin API client for benchmarks: registers, then calls with a Bearer token. */
export async function adminSession(mainUrl) {
  const credentials = { username: 'bench', password: 'bench-password-1' };
  const register = await fetch(`${mainUrl}/internal/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  const cookie = register.headers.get('set-cookie')?.split(';')[0] ?? '';
  const origin = new URL(mainUrl).origin;
  const tokenRes = await fetch(`${mainUrl}/internal/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin },
    body: JSON.stringify({ name: 'bench' }),
  });
  const { token } = await tokenRes.json();
  return async function call(method, url, body) {
    const res = await fetch(`${mainUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : res.json();
  };
}

/** Creates `count` stubs with distinct literal and template paths, a few at a time. */
export async function createStubs(call, service, count, response) {
  const docs = Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? { request: { method: 'GET', path: `/items/${i}` }, response }
      : { request: { method: 'GET', path: { template: `/things/${i}/{id}` } }, response },
  );
  for (let i = 0; i < docs.length; i += 50) {
    await Promise.all(
      docs.slice(i, i + 50).map((doc) => call('POST', `/internal/services/${service}/stubs`, doc)),
    );
  }
}
