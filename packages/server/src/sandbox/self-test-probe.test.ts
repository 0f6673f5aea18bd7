import { describe, expect, it } from 'vitest';
import { judgeProbe, type ProbeFindings } from './self-test-probe.js';

const HELD: ProbeFindings = {
  network: 'OSError: [Errno 97] Address family not supported by protocol',
  visible: [],
  uid: 61000,
  euid: 61000,
  gid: 61000,
  status: {
    CapInh: '0000000000000000',
    CapPrm: '0000000000000000',
    CapEff: '0000000000000000',
    CapBnd: '0000000000000000',
    CapAmb: '0000000000000000',
    NoNewPrivs: '1',
  },
  userns: 'PermissionError: [Errno 1] Operation not permitted',
  memoryLimit: 256,
  memory: 'MemoryError: ',
  processes: 8,
};
const EXPECTED = { uid: 61000, memoryBytes: 256, processes: 8, hostConnections: 0 };

describe('judging the self-test probe', () => {
  it('passes a sandbox that holds', () => {
    expect(judgeProbe(HELD, EXPECTED)).toEqual([]);
  });

  it('names each broken guarantee with its evidence', () => {
    const leaky: ProbeFindings = {
      ...HELD,
      network: 'allowed',
      visible: ['/etc/passwd'],
      uid: 0,
      status: { ...HELD.status, CapEff: '000001ffffffffff' },
      userns: 'allowed',
      memory: 'allowed',
    };
    expect(judgeProbe(leaky, EXPECTED)).toEqual([
      'network: a connection to the host got through',
      'host files: visible in the sandbox: /etc/passwd',
      'privilege: runs as uid 0, not 61000',
      'privilege: capabilities left in CapEff',
      'privilege: the code can create a user namespace',
      'limits: allocating past the memory cap gave allowed',
    ]);
  });

  it('fails when the host listener saw a connection, whatever the probe says', () => {
    expect(judgeProbe(HELD, { ...EXPECTED, hostConnections: 1 })).toEqual([
      'network: a connection to the host got through',
    ]);
  });
});
