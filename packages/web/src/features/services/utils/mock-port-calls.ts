import type { Service } from '@understudy/contracts';

/** One way to reach a service on the mock port, as a ready-to-run curl command when the port is known. */
export interface MockPortCall {
  /** "path prefix /payments" or "host payments.local" */
  claim: string;
  /** The claimed value itself, to copy when the command can't be built. */
  value: string;
  /** null when the server did not say which port the mock port is. */
  curl: string | null;
}

/** The service's claims on the mock port (path prefix first), each with the call that reaches it. */
export function mockPortCalls(service: Pick<Service, 'claims' | 'mockPortUrl'>): MockPortCall[] {
  const base = service.mockPortUrl;
  const calls: MockPortCall[] = [];
  const prefix = service.claims.pathPrefix;
  if (prefix) {
    calls.push({ claim: `path prefix ${prefix}`, value: prefix, curl: base && `curl -i ${base}${prefix}/` });
  }
  for (const host of service.claims.hosts ?? []) {
    calls.push({
      claim: `host ${host}`,
      value: host,
      // The Host header picks the service, whatever address the mock port is reached at.
      curl: base && `curl -i -H 'Host: ${host}' ${base}/`,
    });
  }
  return calls;
}
