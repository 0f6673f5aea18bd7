import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inCidr, parseCidr, parseIp } from './ip-address.js';

const hex = (ip: Uint8Array | undefined) => (ip ? Buffer.from(ip).toString('hex') : undefined);

describe('parseIp', () => {
  it('holds IPv4 as its IPv4-mapped IPv6 form', () => {
    expect(hex(parseIp('127.0.0.1'))).toBe('00000000000000000000ffff7f000001');
    expect(hex(parseIp('::ffff:127.0.0.1'))).toBe(hex(parseIp('127.0.0.1')));
  });

  it('reads IPv6 with ::, brackets, an embedded IPv4 tail and a zone', () => {
    expect(hex(parseIp('::1'))).toBe('00000000000000000000000000000001');
    expect(hex(parseIp('[fe80::1%eth0]'))).toBe('fe800000000000000000000000000001');
    expect(hex(parseIp('2001:db8::8:800:200c:417a'))).toBe('20010db80000000000080800200c417a');
    expect(hex(parseIp('::'))).toBe('0'.repeat(32));
    expect(hex(parseIp('1:2:3:4:5:6:7:8'))).toBe('00010002000300040005000600070008');
  });

  it('refuses what is not an address rather than guessing', () => {
    for (const bad of [
      '',
      'localhost',
      '1.2.3',
      '1.2.3.4.5',
      '256.0.0.1',
      '01.2.3.4',
      '1::2::3',
      '1:2:3:4:5:6:7',
      ':::',
      '12345::',
      '0x7f.0.0.1',
    ]) {
      expect(parseIp(bad), bad).toBeUndefined();
    }
  });
});

describe('CIDR ranges', () => {
  it('matches IPv4 and IPv6 prefixes, including odd prefix lengths', () => {
    const ten = parseCidr('10.0.0.0/8');
    const ula = parseCidr('fc00::/7');
    const twelve = parseCidr('172.16.0.0/12');
    expect(ten && inCidr(parseIp('10.255.1.2') as Uint8Array, ten)).toBe(true);
    expect(ten && inCidr(parseIp('11.0.0.1') as Uint8Array, ten)).toBe(false);
    expect(ula && inCidr(parseIp('fd12::1') as Uint8Array, ula)).toBe(true);
    expect(ula && inCidr(parseIp('fe00::1') as Uint8Array, ula)).toBe(false);
    expect(twelve && inCidr(parseIp('172.31.255.255') as Uint8Array, twelve)).toBe(true);
    expect(twelve && inCidr(parseIp('172.32.0.0') as Uint8Array, twelve)).toBe(false);
  });

  it('reads a bare address as a single-address range and refuses bad prefixes', () => {
    const one = parseCidr('192.0.2.7');
    expect(one?.bits).toBe(128);
    expect(one && inCidr(parseIp('192.0.2.8') as Uint8Array, one)).toBe(false);
    expect(parseCidr('10.0.0.0/33')).toBeUndefined();
    expect(parseCidr('::/129')).toBeUndefined();
    expect(parseCidr('10.0.0.0/x')).toBeUndefined();
  });
});

describe('parseIp against the WHATWG URL parser', () => {
  it('reads every IPv6 address in the canonical compressed form URL produces', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const full = Array.from({ length: 8 }, (_, i) =>
          ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!).toString(16),
        );
        const canonical = new URL(`http://[${full.join(':')}]/`).hostname;
        expect(hex(parseIp(canonical))).toBe(Buffer.from(bytes).toString('hex'));
      }),
    );
  });

  it('reads every dotted IPv4 address', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), (bytes) => {
        expect(hex(parseIp(Array.from(bytes).join('.')))).toBe(
          `${'0'.repeat(20)}ffff${Buffer.from(bytes).toString('hex')}`,
        );
      }),
    );
  });
});
