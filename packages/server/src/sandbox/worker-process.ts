import { spawn, type ChildProcess } from 'node:child_process';
import type { Duplex } from 'node:stream';
import { encodeFrame, FrameDecoder, FrameTooLargeError } from './frame-codec.js';
import { FRAME_FD, SECCOMP_FD, type WorkerLaunch } from './sandbox-command.js';
import type { WorkerRequest } from './worker-protocol.js';

/** How a request to a worker ended when the worker could not answer it. */
export type WorkerFault = { kind: 'timeout' | 'crashed' | 'output-limit'; message: string };
/**
 * A request's reply and how long it ran (from reaching the head of the line to its reply), or the
 * fault that ended the worker: `started` tells the request that was running from those queued
 * behind it, which never began and may safely go to another worker.
 */
export type WorkerReply =
  { ok: true; frame: unknown; ms: number } | { ok: false; fault: WorkerFault; started: boolean };
export type ReplyCallback = (reply: WorkerReply) => void;

export interface WorkerProcessLimits {
  /** Largest frame accepted from the worker. */
  maxFrameBytes: number;
  /** Bytes the worker may write to its real stdout/stderr pipes before it is killed. */
  maxPipeBytes: number;
}

interface Pending {
  seq: number;
  deadlineMs: number;
  /** performance.now() when it reached the head of the line; its deadline counts from there. */
  startedAt: number;
  done: ReplyCallback;
}

const STDERR_TAIL_BYTES = 2048;
/** How long a worker stopped before its hello may take to say it, before it is killed regardless. */
const HELLO_WAIT_MS = 10_000;
const PROTOCOL_BROKEN = 'the worker broke the frame protocol (did the code write to fd 3?)';

/**
 * One sandboxed Python process, spoken to with request/reply frames on fd 3. Nothing is sent before
 * runner.py's hello (`{"ready": true}`), which proves the sandbox around it is complete. The runner
 * serves one request at a time, in order, but a request may be sent before the previous one is
 * answered (the pool pipelines quick calls); replies repeat their request's `seq`, and only the head
 * of the line runs against its deadline. Every way the process can misbehave (silence past the
 * deadline, too much output, a corrupt or unexpected frame, dying) settles what is pending with a
 * fault and kills the process; nothing here throws at the caller except arguments JSON cannot carry.
 */
export class WorkerProcess {
  readonly #child: ChildProcess;
  readonly #channel: Duplex;
  readonly #decoder: FrameDecoder;
  readonly #limits: WorkerProcessLimits;
  readonly #pending: Pending[] = [];
  #seq = 0;
  #pipeBytes = 0;
  #stderrTail = '';
  #fault: WorkerFault | undefined;
  // One timer for the head's deadline, moved only when it would fire too late: replies that come in
  // time cost no timer work at all (a fire that finds the head still in time re-arms for it).
  #timer: NodeJS.Timeout | undefined;
  #timerAt = Infinity;
  /** Frames waiting for the end of this turn of the event loop (or for the runner's hello). */
  #outgoing: Buffer[] = [];
  /** runner.py said it is up: the sandbox around it is fully built. */
  #greeted = false;
  #helloTimer: NodeJS.Timeout | undefined;
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

  /**
   * Stamps `request` with its sequence number, sends it, and calls `done` once with its reply. False
   * (and `done` is never called) when the worker is already gone. Throws, before anything is sent,
   * on arguments JSON cannot carry.
   */
  send(request: WorkerRequest, deadlineMs: number, done: ReplyCallback): boolean {
    if (this.#fault) return false;
    const seq = (this.#seq += 1);
    request.seq = seq;
    const bytes = encodeFrame(request);
    const pending: Pending = { seq, deadlineMs, startedAt: 0, done };
    if (this.#pending.push(pending) === 1) this.#start(pending);
    // Requests sent in one turn of the event loop (a burst of HTTP requests) leave in one write.
    if (this.#outgoing.push(bytes) === 1) setImmediate(this.#flush);
    return true;
  }

  readonly #flush = (): void => {
    if (!this.#greeted || this.#outgoing.length === 0) return; // the hello flushes them
    const frames = this.#outgoing;
    this.#outgoing = [];
    if (this.#fault) return;
    this.#channel.write(frames.length === 1 ? frames[0]! : Buffer.concat(frames));
  };

  /** `send` as a promise, for one-off requests (load, validate). */
  request(request: WorkerRequest, deadlineMs: number): Promise<WorkerReply> {
    return new Promise((resolve) => {
      if (!this.send(request, deadlineMs, resolve))
        resolve({ ok: false, fault: this.#fault!, started: false });
    });
  }

  /**
   * Kills the process (and, through --die-with-parent, everything it started). Idempotent. `culprit`:
   * the request at the head of the line caused this and gets the fault; otherwise (the caller stops
   * a worker for its own reasons) every pending request is reported as never started.
   */
  kill(fault: WorkerFault = { kind: 'crashed', message: 'the worker was stopped' }, culprit = true): void {
    this.#fault ??= fault;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = -Infinity; // never armed again
    // Killed while bwrap is still building the sandbox, its inner half can miss --die-with-parent and
    // outlive it (containers/bubblewrap#633). Nothing is ever sent before the hello, so such a worker
    // is harmless until then: it is killed once it says hello, when the kill reaches everything.
    if (this.#greeted) this.#sigkill();
    else this.#helloTimer ??= setTimeout(() => this.#giveUpOnHello(), HELLO_WAIT_MS).unref();
    this.#failAll(fault, culprit);
  }

  #sigkill(): void {
    clearTimeout(this.#helloTimer);
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL');
  }

  // No hello in all that time: kill it anyway, and close our ends of its pipes, so that if its inner
  // half outlived the kill it fails at its hello and exits before it could run any code.
  #giveUpOnHello(): void {
    this.#sigkill();
    for (const stream of this.#child.stdio) stream?.destroy();
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

  #start(pending: Pending): void {
    pending.startedAt = performance.now();
    this.#watch(pending.startedAt + pending.deadlineMs);
  }

  #watch(at: number): void {
    if (at >= this.#timerAt) return;
    clearTimeout(this.#timer);
    this.#timerAt = at;
    // Unref'd: the child's pipes keep the process alive while anything is pending.
    this.#timer = setTimeout(this.#onTimer, Math.max(1, at - performance.now())).unref();
  }

  readonly #onTimer = (): void => {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    const head = this.#pending[0];
    if (!head) return;
    const at = head.startedAt + head.deadlineMs;
    if (performance.now() < at) return this.#watch(at);
    this.kill({ kind: 'timeout', message: `no answer within ${head.deadlineMs} ms; the worker was killed` });
  };

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
      if (!this.#greeted) {
        const hello = (frame as { ready?: unknown } | null)?.ready === true;
        this.#greeted = true;
        if (this.#fault) return this.#sigkill(); // stopped while it was starting
        if (!hello) return this.kill({ kind: 'crashed', message: `${PROTOCOL_BROKEN}: no hello` });
        this.#flush();
        continue;
      }
      if (this.#fault) return;
      const head = this.#pending[0];
      if (!head || (frame as { seq?: unknown } | null)?.seq !== head.seq) {
        this.kill({ kind: 'crashed', message: `${PROTOCOL_BROKEN}: a reply nobody asked for` });
        return;
      }
      this.#pending.shift();
      const next = this.#pending[0];
      if (next) this.#start(next);
      head.done({ ok: true, frame, ms: performance.now() - head.startedAt });
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
    clearTimeout(this.#helloTimer);
    clearTimeout(this.#timer);
    this.#timerAt = -Infinity;
    this.#failAll(this.#fault, true);
  }

  /** What was queued behind the head of the line never started. */
  #failAll(fault: WorkerFault, headStarted: boolean): void {
    const pending = this.#pending.splice(0);
    pending.forEach((request, index) =>
      request.done({ ok: false, fault, started: headStarted && index === 0 }),
    );
  }
}
