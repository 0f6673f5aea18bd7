import { access, constants } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { HandlerWorker } from './handler-worker.js';
import { workerLaunch } from './sandbox-command.js';
import type { SandboxOptions } from './sandbox-options.js';
import { judgeProbe, PROBE_CODE, type ProbeFindings } from './self-test-probe.js';
import { seccompSupported } from './seccomp-filter.js';
import { WorkerProcess } from './worker-process.js';

/** Whether Python handlers may run here; `reason` and `fix` say why not and what to do. */
export interface SandboxStatus {
  ok: boolean;
  mode: 'bwrap' | 'off';
  reason: string | undefined;
  fix: string | undefined;
  /** Set when the sandbox is off on purpose: the caller must log it loudly. */
  warning: string | undefined;
}

export const SANDBOX_OFF_WARNING =
  'PYTHON SANDBOX IS OFF (--python-sandbox=off): handler code runs as this server’s own user, with its ' +
  'files, network and privileges. Anyone who can save a stub can take over this machine. Use it only ' +
  'on a trusted single-user laptop.';

const SLOT = 0;
const PROBE_TIMEOUT_MS = 5_000;
const BWRAP_FIX =
  'Check that bwrap works here: `bwrap --ro-bind /usr /usr --proc /proc --dev /dev /usr/bin/true`. In a ' +
  'container it needs CAP_SYS_ADMIN and an unconfined seccomp/AppArmor profile, or start the server ' +
  'with --python-sandbox=off on a trusted single-user machine.';

const failed = (reason: string, fix: string): SandboxStatus => ({
  ok: false,
  mode: 'bwrap',
  reason,
  fix,
  warning: undefined,
});

/** What must be on the machine before a worker can even start; the first thing missing, if any. */
async function missingPrerequisite(options: SandboxOptions): Promise<SandboxStatus | undefined> {
  const tools: [string, string][] = [
    [options.bwrapPath, 'apt-get install bubblewrap'],
    [options.setprivPath, 'apt-get install util-linux (it provides setpriv)'],
    [options.pythonPath, 'apt-get install python3'],
  ];
  if (options.sandbox === 'off') tools.splice(0, 2);
  for (const [tool, install] of tools) {
    const found = await access(tool, constants.X_OK).then(
      () => true,
      () => false,
    );
    if (!found)
      return {
        ...failed(`${tool} is missing, so Python handlers cannot run`, install),
        mode: options.sandbox,
      };
  }
  if (options.sandbox === 'off') return undefined;
  if (process.getuid?.() !== 0) {
    return failed(
      'the server is not running as root, and moving each worker to its own uid needs root',
      'Run Understudy as root (its container or service user), or start it with --python-sandbox=off on a trusted single-user machine.',
    );
  }
  if (!seccompSupported()) {
    return failed(
      `no seccomp syscall table for the ${process.arch} architecture`,
      'Run Understudy on x86_64 or arm64.',
    );
  }
  return undefined;
}

/** A loopback listener the probe must not reach; counts the connections it gets. */
async function listenOnLoopback(): Promise<{ port: number; connections: () => number; close: () => void }> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, connections: () => connections, close: () => server.close() };
}

async function runProbe(options: SandboxOptions, port: number) {
  const limits = { maxFrameBytes: 1 << 20, maxPipeBytes: 1 << 16 };
  const child = new WorkerProcess(workerLaunch(options, SLOT), limits);
  const worker = new HandlerWorker(child, PROBE_CODE, 'handler', {
    startTimeoutMs: PROBE_TIMEOUT_MS,
    killGraceMs: 500,
  });
  try {
    const loaded = await worker.load(PROBE_TIMEOUT_MS);
    if (!loaded.ok) return loaded;
    // The runner's own folder, at its host path: the repository must not be visible inside.
    const hostPaths = ['/etc/passwd', '/etc/shadow', '/root', '/home', path.resolve(options.runnerDir)];
    return await worker.callOnce({ body: { port, hostPaths }, headers: {} }, PROBE_TIMEOUT_MS);
  } finally {
    worker.kill();
    await worker.exited;
  }
}

/**
 * Proves at start that the sandbox holds: no network, no host files, no privilege, limits enforced.
 * Never throws; a failure is a status whose `fix` says exactly what to install or change.
 */
export async function runSandboxSelfTest(options: SandboxOptions): Promise<SandboxStatus> {
  const missing = await missingPrerequisite(options);
  if (missing) return missing;
  const listener = await listenOnLoopback();
  try {
    const outcome = await runProbe(options, listener.port);
    if (!outcome.ok) {
      const reason = `a sandboxed Python worker could not run: ${outcome.error.message}`;
      return { ...failed(reason, BWRAP_FIX), mode: options.sandbox };
    }
    if (options.sandbox === 'off') {
      return { ok: true, mode: 'off', reason: undefined, fix: undefined, warning: SANDBOX_OFF_WARNING };
    }
    const body = outcome.value.body;
    const found = (body?.type === 'json' ? body.value : {}) as ProbeFindings;
    const expected = {
      uid: options.uidBase + SLOT,
      memoryBytes: options.limits.memoryBytes,
      processes: options.limits.processes,
    };
    const failures = judgeProbe(found, { ...expected, hostConnections: listener.connections() });
    if (failures.length > 0) return failed(`the sandbox self-test failed: ${failures.join('; ')}`, BWRAP_FIX);
    return { ok: true, mode: 'bwrap', reason: undefined, fix: undefined, warning: undefined };
  } finally {
    listener.close();
  }
}
