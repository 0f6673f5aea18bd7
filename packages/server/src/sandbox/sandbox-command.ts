import type { SandboxOptions } from './sandbox-options.js';
import { buildSeccompFilter } from './seccomp-filter.js';

/** How to start one worker: the argv, and the seccomp program bwrap reads from fd 4 (if any). */
export interface WorkerLaunch {
  command: string;
  args: string[];
  seccomp: Buffer | undefined;
}

/** Where runner.py's folder appears inside the sandbox. */
export const RUNNER_MOUNT = '/runner';
/** fd of the frame channel (fd 3) and of the seccomp program for bwrap (fd 4). */
export const FRAME_FD = 3;
export const SECCOMP_FD = 4;

// prettier-ignore
type LaunchOptions = Pick<
  SandboxOptions,
  | 'sandbox' | 'pythonPath' | 'bwrapPath' | 'setprivPath' | 'runnerDir' | 'uidBase' | 'tmpfsBytes' | 'limits'
  | 'outputLimitBytes' | 'maxResultBytes'
>;

// -I: ignore PYTHON* variables and the user site; -B: never write .pyc files. The last argument is the
// settings runner.py applies before user code exists.
function pythonArgv(options: LaunchOptions, runnerDir: string, countProcesses: boolean): string[] {
  const { outputLimitBytes, maxResultBytes } = options;
  const limits = { ...options.limits, processes: countProcesses ? options.limits.processes : null };
  const settings = JSON.stringify({ ...limits, outputLimitBytes, maxResultBytes });
  return [options.pythonPath, '-I', '-B', `${runnerDir.replace(/\/$/, '')}/runner.py`, settings];
}

/**
 * bwrap builds the empty world (new pid/net/ipc/uts/cgroup namespaces, only /usr and the runner,
 * read-only), then setpriv inside it drops to the slot's own uid with no capabilities and no way to
 * gain any (no_new_privs). We run as root, so bwrap needs no user namespace to do this, and the worker's
 * uid is a real, unprivileged one outside the sandbox too.
 */
export function bwrapLaunch(options: LaunchOptions, slot: number): WorkerLaunch {
  const id = String(options.uidBase + slot);
  // prettier-ignore
  const args = [
    '--unshare-pid', '--unshare-net', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try',
    '--die-with-parent', '--new-session', '--clearenv', '--hostname', 'sandbox',
    '--ro-bind', '/usr', '/usr',
    '--symlink', 'usr/bin', '/bin', '--symlink', 'usr/sbin', '/sbin',
    '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64',
    '--ro-bind', options.runnerDir, RUNNER_MOUNT,
    '--size', String(options.tmpfsBytes), '--perms', '1777', '--tmpfs', '/tmp',
    '--proc', '/proc', '--dev', '/dev', '--chdir', '/tmp',
    '--seccomp', String(SECCOMP_FD),
    '--',
    options.setprivPath, `--reuid=${id}`, `--regid=${id}`, '--clear-groups',
    '--no-new-privs', '--inh-caps=-all', '--bounding-set=-all',
    ...pythonArgv(options, RUNNER_MOUNT, true),
  ];
  return { command: options.bwrapPath, args, seccomp: buildSeccompFilter() };
}

/**
 * `--python-sandbox=off`: plain Python as the server's own user. runner.py still sets its rlimits, but
 * not RLIMIT_NPROC: counted per uid, it would count every process of the user running the server.
 */
export function unsandboxedLaunch(options: LaunchOptions): WorkerLaunch {
  const [command = options.pythonPath, ...args] = pythonArgv(options, options.runnerDir, false);
  return { command, args, seccomp: undefined };
}

export function workerLaunch(options: LaunchOptions, slot: number): WorkerLaunch {
  return options.sandbox === 'off' ? unsandboxedLaunch(options) : bwrapLaunch(options, slot);
}
