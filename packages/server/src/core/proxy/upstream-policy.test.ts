import { describe, expect, it } from 'vitest';
import { parseIp } from './ip-address.js';
import {
  AllowListError,
  classifyAddress,
  judgeAddress,
  parseAllowList,
  upstreamHostOf,
} from './upstream-policy.js';

const kind = (text: string) => classifyAddress(parseIp(text) as Uint8Array);
const none = parseAllowList([]);
const at = (host: string, port = 80) => ({ host, port });

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.9.9.9', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['fe80::abcd', 'link-local'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['fd00:ec2::254', 'private'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['93.184.216.34', 'public'],
    ['2606:2800:220:1::', 'public'],
    ['172.32.0.1', 'public'],
  ])('%s is %s', (address, expected) => {
    expect(kind(address)).toBe(expected);
  });
});

describe('judgeAddress', () => {
  it('lets public addresses through and refuses the rest, saying which flag allows it', () => {
    expect(judgeAddress(none, at('example.com'), '93.184.216.34')).toBeUndefined();
    const refusal = judgeAddress(none, at('localhost', 3000), '127.0.0.1');
    expect(refusal?.kind).toBe('loopback');
    expect(refusal?.message).toBe(
      '"localhost" resolves to 127.0.0.1, which is a loopback address that the proxy refuses by default ' +
        '(SSRF guard); to allow it, start the server with --proxy-allow=localhost (or UNDERSTUDY_PROXY_ALLOW=localhost)',
    );
    expect(judgeAddress(none, at('169.254.169.254'), '169.254.169.254')?.message).toMatch(
      /^169\.254\.169\.254 is a link-local address \(the cloud metadata service\).*--proxy-allow=169\.254\.169\.254/,
    );
  });

  it('refuses text that is not an address', () => {
    expect(judgeAddress(none, at('x'), 'not-an-ip')?.kind).toBe('reserved');
  });

  it('allows by host name, host:port, address, address:port and CIDR', () => {
    const allow = parseAllowList([
      'localhost',
      'api.local:8443',
      '10.0.0.0/8',
      '127.0.0.1:9000',
      ' [::1]:8080 ',
      '',
    ]);
    expect(judgeAddress(allow, at('localhost', 1), '127.0.0.1')).toBeUndefined();
    expect(judgeAddress(allow, at('api.local', 8443), '192.168.0.1')).toBeUndefined();
    expect(judgeAddress(allow, at('api.local', 8080), '192.168.0.1')).toBeDefined();
    expect(judgeAddress(allow, at('db', 5432), '10.2.3.4')).toBeUndefined();
    expect(judgeAddress(allow, at('127.0.0.1', 9000), '127.0.0.1')).toBeUndefined();
    expect(judgeAddress(allow, at('127.0.0.1', 9001), '127.0.0.1')).toBeDefined();
    expect(judgeAddress(allow, at('::1', 8080), '::1')).toBeUndefined();
    expect(judgeAddress(allow, at('LOCALHOST'.toLowerCase(), 80), '::1')).toBeUndefined();
  });

  it('rejects allow-list entries it cannot read, naming the flag', () => {
    expect(() => parseAllowList(['10.0.0.0/40'])).toThrow(AllowListError);
    expect(() => parseAllowList(['http://x'])).toThrow(/--proxy-allow/);
    expect(() => parseAllowList(['host:99999'])).toThrow(/bad port/);
  });
});

describe('upstreamHostOf', () => {
  it('defaults the port by scheme and unbrackets IPv6', () => {
    expect(upstreamHostOf(new URL('https://API.example.com/v1'))).toEqual({
      host: 'api.example.com',
      port: 443,
    });
    expect(upstreamHostOf(new URL('http://[::1]:8080'))).toEqual({ host: '::1', port: 8080 });
  });
});
