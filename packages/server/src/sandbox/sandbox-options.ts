import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** rlimits runner.py sets on itself before it loads user code. */
export interface WorkerLimits {
  /** RLIMIT_AS: address space per process; a memory bomb gets MemoryError. */
  memoryBytes: number;
  /** RLIMIT_CPU hard limit over a worker's life; the soft limit is re-armed per call (see runner.py). */
  cpuSecondsPerWorker: number;
  /** RLIMIT_NOFILE. */
  openFiles: number;
  /** RLIMIT_NPROC, counted per uid: each worker has its own uid, so this bounds one worker's processes. */
  processes: number;
  /** RLIMIT_FSIZE: largest file (and fd 1/2 capture) the worker may write. */
  fileSizeBytes: number;
}

export interface SandboxOptions {
  /** `off` runs Python without bwrap/setpriv: only for a trusted single-user laptop, and loudly. */
  sandbox: 'bwrap' | 'off';
  pythonPath: string;
  bwrapPath: string;
  setprivPath: string;
  /** Host folder holding runner.py; mounted read-only at /runner in the sandbox. */
  runnerDir: string;
  /** Worker slot n runs as uid and gid `uidBase + n`; keep the range free of real accounts. */
  uidBase: number;
  /** Workers across all handlers (the size of the uid range). */
  maxWorkersTotal: number;
  maxWorkersPerHandler: number;
  /** Calls waiting for a worker, per handler; beyond it `HANDLER_BUSY`. */
  maxQueuePerHandler: number;
  idleTimeoutMs: number;
  /** Recycle a worker after this many calls, so leaks and user globals don't live forever. */
  maxCallsPerWorker: number;
  /** Calls a busy worker may hold while a handler's calls are quick (see WorkerPool); 1 turns it off. */
  pipelineDepth: number;
  /** After a call's timeout, how long runner.py gets to report it before Node kills the worker. */
  killGraceMs: number;
  /** Budget for validating code at save time (parse only; no user code runs). */
  validateTimeoutMs: number;
  /** Cap per call on stdout and on stderr (each), in bytes. */
  outputLimitBytes: number;
  /** Largest JSON return value a call may produce. */
  maxResultBytes: number;
  tmpfsBytes: number;
  retryAfterSeconds: number;
  limits: WorkerLimits;
}

const MIB = 1024 * 1024;

export const DEFAULT_WORKER_LIMITS: Readonly<WorkerLimits> = Object.freeze({
  memoryBytes: 256 * MIB,
  cpuSecondsPerWorker: 600,
  openFiles: 64,
  processes: 8,
  fileSizeBytes: 8 * MIB,
});

/** runner.py lives in src/python; from a build in dist/, fall back to the source tree. */
export function defaultRunnerDir(): string {
  const beside = fileURLToPath(new URL('../python/', import.meta.url));
  if (existsSync(`${beside}runner.py`)) return beside;
  return fileURLToPath(new URL('../../src/python/', import.meta.url));
}

export function resolveSandboxOptions(overrides: Partial<SandboxOptions> = {}): Readonly<SandboxOptions> {
  const options: SandboxOptions = {
    sandbox: 'bwrap',
    pythonPath: '/usr/bin/python3',
    bwrapPath: '/usr/bin/bwrap',
    setprivPath: '/usr/bin/setpriv',
    runnerDir: defaultRunnerDir(),
    uidBase: 61000,
    maxWorkersTotal: 64,
    maxWorkersPerHandler: 4,
    maxQueuePerHandler: 64,
    idleTimeoutMs: 60_000,
    // Quick calls pack onto the busiest worker (see WorkerPool), which then serves thousands a second.
    maxCallsPerWorker: 100_000,
    pipelineDepth: 16,
    killGraceMs: 500,
    validateTimeoutMs: 5_000,
    outputLimitBytes: 64 * 1024,
    maxResultBytes: 8 * MIB,
    tmpfsBytes: 16 * MIB,
    retryAfterSeconds: 1,
    ...overrides,
    limits: { ...DEFAULT_WORKER_LIMITS, ...overrides.limits },
  };
  // One slot of the total belongs to the save-time validator.
  if (options.maxWorkersPerHandler < 1 || options.maxWorkersTotal < 2) {
    throw new RangeError('maxWorkersPerHandler must be at least 1 and maxWorkersTotal at least 2');
  }
  if (!(options.pipelineDepth >= 1)) throw new RangeError('pipelineDepth must be at least 1');
  if (options.uidBase < 1000) throw new RangeError('uidBase must be an unprivileged uid (>= 1000)');
  return Object.freeze(options);
}
