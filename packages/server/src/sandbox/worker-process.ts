import { spawn, type ChildProcess } from 'node:child_process';
import type { Duplex } from 'node:stream';
import { encodeFrame, FrameDecoder, FrameTooLargeError } from './frame-codec.js';
import { FRAME_FD, SECCOMP_FD, type WorkerLaunch } from './sandbox-command.js';

/** How a request to a worker ended when the worker could not answer it. */
export type WorkerFault = { kind: 'timeout' | 'crashed' | 'output-limit'; message: string };
export type WorkerReply = { ok: true; frame: unknown } | { ok: false; fault: WorkerFault };

export interface WorkerProcessLimits {
  /** Largest frame accepted from the worker. */
  maxFrameBytes: number;
  /** Bytes the worker may write to its real stdout/stderr pipes before it is killed. */
  maxPipeBytes: number;
}

interface Pending {
  resolve: (reply: WorkerReply) => void;
  timer: NodeJS.Timeout;
}

const STDERR_TAIL_BYTES = 2048;

/**
 * One sandboxed Python process, spoken to with request/reply frames on fd 3, one request at a time.
 * Every way it can misbehave (silence past the deadline, too much output, a corrupt frame, dying)
 * settles the pending request with a fault and kills the process; nothing here throws at the caller.
 */
export class WorkerProcess {
  readonly #child: ChildProcess;
  readonly #channel: Duplex;
  readonly #decoder: FrameDecoder;
  readonly #limits: WorkerProcessLimits;
  #pending: Pending | undefined;
  #pipeBytes = 0;
  #stderrTail = '';
  #fault: WorkerFault | undefined;
  readonly exited: Promise<void>;

  constructor(launch: WorkerLaunch, limits: WorkerProcessLimits) {
    this.#limits = limits;
    this.#decoder = new FrameDecoder(limits.maxFrameBytes);
    const stdio = launch.seccomp
      ? ['ignore', 'pipe', 'pipe', 'pipe', 'pipe']
      : ['ignore', 'pipe', 'pipe', 'pipe'];
    // An empty environment: nothing of the server's (secrets, paths) is even visible in bwrap's own /proc.
    this.#child = spawn(launch.command, launch.args, { stdio: stdio as ['ignore', 'pipe', 'pipe'], env: {} });
    this.#channel = this.#child.stdio[FRAME_FD] as Duplex;
    // A process that never started emits 'error' and may never 'close'.
    this.exited = new Promise((resolve) => {
      this.#child.once('close', () => resolve());
      this.#child.once('error', () => this.#child.pid === undefined && resolve());
    });
    this.#wire(launch);
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get alive(): boolean {
    return this.#fault === undefined;
  }

  /** Sends one frame and waits for the reply, or for the deadline (then the worker is killed). */
  request(frame: unknown, deadlineMs: number): Promise<WorkerReply> {
    if (this.#fault) return Promise.resolve({ ok: false, fault: this.#fault });
    if (this.#pending) throw new Error('a worker serves one request at a time');
    const bytes = encodeFrame(frame); // throws on arguments JSON cannot carry, before anything is sent
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.#expire(deadlineMs), deadlineMs);
      this.#pending = { resolve, timer };
      this.#channel.write(bytes);
    });
  }

  /** Kills the process (and, through --die-with-parent, everything it started). Idempotent. */
  kill(fault: WorkerFault = { kind: 'crashed', message: 'the worker was stopped' }): void {
    this.#settle({ ok: false, fault });
    this.#fault ??= fault;
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL');
  }

  #wire(launch: WorkerLaunch): void {
    if (launch.seccomp) (this.#child.stdio[SECCOMP_FD] as Duplex).end(launch.seccomp);
    this.#channel.on('data', (chunk: Buffer) => this.#onFrameData(chunk));
    this.#child.stdout?.on('data', (chunk: Buffer) => this.#onPipeData(chunk));
    this.#child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderrTail = (this.#stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
      this.#onPipeData(chunk);
    });
    // Errors on our ends of the pipes (EPIPE after a kill) are expected; the exit handler reports.
    for (const stream of this.#child.stdio) stream?.on('error', () => undefined);
    this.#child.on('error', (error) =>
      this.kill({ kind: 'crashed', message: `cannot start worker: ${error.message}` }),
    );
    // 'close', not 'exit': it comes after the last frame on fd 3 has been read.
    this.#child.once('close', (code, signal) => this.#onExit(code, signal));
  }

  #onFrameData(chunk: Buffer): void {
    let frames: unknown[];
    try {
      frames = this.#decoder.push(chunk);
    } catch (error) {
      const kind = error instanceof FrameTooLargeError ? 'output-limit' : 'crashed';
      this.kill({ kind, message: error instanceof Error ? error.message : String(error) });
      return;
    }
    for (const frame of frames) {
      if (!this.#settle({ ok: true, frame })) {
        this.kill({ kind: 'crashed', message: 'the worker sent a frame nobody asked for' });
      }
    }
  }

  // runner.py redirects fd 1/2 into its own capture, so bytes here come from before that or a crash.
  #onPipeData(chunk: Buffer): void {
    this.#pipeBytes += chunk.length;
    if (this.#pipeBytes > this.#limits.maxPipeBytes) {
      this.kill({
        kind: 'output-limit',
        message: `the worker wrote more than ${this.#limits.maxPipeBytes} bytes`,
      });
    }
  }

  #onExit(code: number | null, signal: NodeJS.Signals | null): void {
    const status = signal ? `signal ${signal}` : `exit code ${code}`;
    const tail = this.#stderrTail.trim();
    const message = `the worker exited (${status})${tail ? `: ${tail}` : ''}`;
    this.#fault ??= { kind: 'crashed', message };
    this.#settle({ ok: false, fault: this.#fault });
  }

  #expire(deadlineMs: number): void {
    this.kill({ kind: 'timeout', message: `no answer within ${deadlineMs} ms; the worker was killed` });
  }

  #settle(reply: WorkerReply): boolean {
    const pending = this.#pending;
    if (!pending) return false;
    this.#pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve(reply);
    return true;
  }
}
