/**
 * The handler the self-test runs in a real worker: it tries what a hostile handler would, and reports.
 * It goes through the very launch path user code takes, so a pass proves that path, not a lookalike.
 */
export const PROBE_CODE = `
import ctypes, os, resource, socket

CLONE_NEWUSER = 0x10000000

def attempt(action):
    try:
        action()
        return 'allowed'
    except BaseException as error:
        return f'{type(error).__name__}: {error}'

def connect(port):
    socket.create_connection(('127.0.0.1', port), timeout=1).close()

def unshare_user():
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWUSER) != 0:
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))

def status_fields():
    with open('/proc/self/status') as status:
        pairs = (line.split(':', 1) for line in status if ':' in line)
        return {key: value.strip() for key, value in pairs if key.startswith('Cap') or key == 'NoNewPrivs'}

def handler(body, headers):
    memory = resource.getrlimit(resource.RLIMIT_AS)[0]
    return {
        'network': attempt(lambda: connect(body['port'])),
        'visible': [path for path in body['hostPaths'] if os.path.exists(path)],
        'uid': os.getuid(), 'euid': os.geteuid(), 'gid': os.getgid(),
        'status': status_fields(),
        'userns': attempt(unshare_user),
        'memoryLimit': memory,
        'memory': attempt(lambda: bytearray(memory)),
        'processes': resource.getrlimit(resource.RLIMIT_NPROC)[0],
    }
`;

export interface ProbeFindings {
  network: string;
  visible: string[];
  uid: number;
  euid: number;
  gid: number;
  status: Record<string, string>;
  userns: string;
  memoryLimit: number;
  memory: string;
  processes: number;
}

export interface ProbeExpectations {
  uid: number;
  memoryBytes: number;
  processes: number;
  /** Connections the host listener accepted while the probe ran (must stay 0). */
  hostConnections: number;
}

const ZERO_CAPS = /^0+$/;

/** Each check that failed, as "what: evidence"; empty when the sandbox holds. */
export function judgeProbe(found: ProbeFindings, expected: ProbeExpectations): string[] {
  const caps = ['CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb'].filter(
    (cap) => !ZERO_CAPS.test(found.status[cap] ?? ''),
  );
  const checks: [boolean, string][] = [
    [
      found.network !== 'allowed' && expected.hostConnections === 0,
      `network: a connection to the host got through`,
    ],
    [found.visible.length === 0, `host files: visible in the sandbox: ${found.visible.join(', ')}`],
    [
      found.uid === expected.uid && found.euid === expected.uid,
      `privilege: runs as uid ${found.uid}, not ${expected.uid}`,
    ],
    [caps.length === 0, `privilege: capabilities left in ${caps.join(', ')}`],
    [found.status.NoNewPrivs === '1', 'privilege: no_new_privs is not set'],
    [found.userns !== 'allowed', 'privilege: the code can create a user namespace'],
    [found.memoryLimit === expected.memoryBytes, `limits: RLIMIT_AS is ${found.memoryLimit}`],
    [found.memory.startsWith('MemoryError'), `limits: allocating past the memory cap gave ${found.memory}`],
    [found.processes === expected.processes, `limits: RLIMIT_NPROC is ${found.processes}`],
  ];
  return checks.filter(([held]) => !held).map(([, failure]) => failure);
}
