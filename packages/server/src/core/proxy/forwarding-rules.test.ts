import { describe, expect, it } from 'vitest';
import {
  prepareRequestHeaders,
  prepareResponseHeaders,
  rewritePath,
  searchOf,
  upstreamUrl,
  withoutCookie,
  type RequestForwarding,
} from './forwarding-rules.js';

const forwarding: RequestForwarding = {
  clientAddress: '192.0.2.1',
  proto: 'https',
  host: 'shop.example',
  keepHost: false,
  sessionCookie: 'understudy_session',
  tokenPrefix: 'ust_',
};

describe('prepareRequestHeaders', () => {
  it('drops hop-by-hop headers and those listed in Connection', () => {
    const headers = prepareRequestHeaders(
      {
        connection: 'close, X-Secret',
        'x-secret': 's',
        te: 'trailers',
        upgrade: 'h2c',
        expect: '100-continue',
        accept: '*/*',
        host: 'upstream:1',
      },
      forwarding,
    );
    expect(headers).toEqual({
      accept: '*/*',
      host: 'upstream:1',
      'x-forwarded-for': '192.0.2.1',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'shop.example',
    });
  });

  it('appends to an existing X-Forwarded-For and keeps the Host when asked', () => {
    const headers = prepareRequestHeaders(
      { 'x-forwarded-for': '203.0.113.1', host: 'upstream:1' },
      { ...forwarding, keepHost: true },
    );
    expect(headers['x-forwarded-for']).toBe('203.0.113.1, 192.0.2.1');
    expect(headers.host).toBe('shop.example');
  });

  it("removes only Understudy's own credentials", () => {
    const ours = prepareRequestHeaders(
      { authorization: 'Bearer ust_abc', cookie: 'understudy_session=1' },
      forwarding,
    );
    expect(ours.authorization).toBeUndefined();
    expect(ours.cookie).toBeUndefined();
    const theirs = prepareRequestHeaders({ authorization: 'bearer  other', cookie: 'x=1' }, forwarding);
    expect(theirs.authorization).toBe('bearer  other');
    expect(theirs.cookie).toBe('x=1');
  });
});

describe('withoutCookie', () => {
  it('keeps the other cookies, including ones whose names merely contain ours', () => {
    expect(withoutCookie('a=1; understudy_session=x; my_understudy_session=2', 'understudy_session')).toBe(
      'a=1; my_understudy_session=2',
    );
    expect(withoutCookie('a=1', 'understudy_session')).toBe('a=1');
  });
});

describe('prepareResponseHeaders', () => {
  it('drops hop-by-hop headers and attempts to set our session cookie, and adds the edge headers', () => {
    const upstream = {
      connection: 'keep-alive, x-hop',
      'x-hop': '1',
      'keep-alive': 'timeout=5',
      'transfer-encoding': 'chunked',
      'set-cookie': ['understudy_session=evil; Path=/', 'theirs=1'],
      'content-type': 'text/plain',
    };
    expect(
      prepareResponseHeaders(upstream, 'understudy_session', { 'content-security-policy': 'sandbox' }),
    ).toEqual({
      'set-cookie': ['theirs=1'],
      'content-type': 'text/plain',
      'content-security-policy': 'sandbox',
    });
    expect(upstream['x-hop']).toBe('1');
  });
});

describe('rewritePath', () => {
  it.each([
    ['/v1/orders', { from: '/v1', to: '/api/v2' }, '/api/v2/orders'],
    ['/v1', { from: '/v1', to: '/api/v2' }, '/api/v2'],
    ['/v10/orders', { from: '/v1', to: '/api' }, '/v10/orders'],
    ['/other', { from: '/v1', to: '/api' }, '/other'],
    ['/v1/orders', { from: '/v1', to: '/' }, '/orders'],
    ['/v1/orders', { from: '/v1/', to: '/x' }, '/x/orders'],
    ['/orders', { from: '/', to: '/api' }, '/api/orders'],
  ])('%s with %o is %s', (path, rewrite, expected) => {
    expect(rewritePath(path, rewrite)).toBe(expected);
  });

  it('leaves the path alone without a rewrite', () => {
    expect(rewritePath('/a', null)).toBe('/a');
  });
});

describe('upstreamUrl', () => {
  it('appends the path to the base path and keeps the query verbatim', () => {
    expect(upstreamUrl('http://h:1/api/', '/orders', 'a=%20&b')).toBe('http://h:1/api/orders?a=%20&b');
    expect(upstreamUrl('http://h', '/', '')).toBe('http://h/');
    expect(upstreamUrl('http://h/api?key=k', '/x', 'y=1')).toBe('http://h/api/x?key=k&y=1');
  });

  it('reads the query string of a request URL', () => {
    expect(searchOf('/proxy/a/b?x=1?y')).toBe('x=1?y');
    expect(searchOf('/proxy/a')).toBe('');
  });
});
