import { describe, expect, it } from 'vitest';
import { mockPortCalls } from './mock-port-calls';

describe('mockPortCalls', () => {
  it('builds a curl command per claim when the mock port is known, the prefix first', () => {
    const calls = mockPortCalls({
      claims: { hosts: ['payments.local', 'pay.test:9000'], pathPrefix: '/payments' },
      mockPortUrl: 'http://10.0.0.7:8081',
    });
    expect(calls).toEqual([
      { claim: 'path prefix /payments', value: '/payments', curl: 'curl -i http://10.0.0.7:8081/payments/' },
      {
        claim: 'host payments.local',
        value: 'payments.local',
        curl: "curl -i -H 'Host: payments.local' http://10.0.0.7:8081/",
      },
      {
        claim: 'host pay.test:9000',
        value: 'pay.test:9000',
        curl: "curl -i -H 'Host: pay.test:9000' http://10.0.0.7:8081/",
      },
    ]);
  });

  it('keeps the claims without a command when the port is unknown, and has nothing without claims', () => {
    expect(mockPortCalls({ claims: { pathPrefix: '/p' }, mockPortUrl: null })).toEqual([
      { claim: 'path prefix /p', value: '/p', curl: null },
    ]);
    expect(mockPortCalls({ claims: {}, mockPortUrl: 'http://h:8081' })).toEqual([]);
  });
});
