import { EventEmitter } from 'node:events';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import type { AddressGuard } from './proxy-guard.js';

/** A new connection that cannot be set up within this is a 504 (undici's own default). */
export const CONNECT_TIMEOUT_MS = 10_000;

// reply-from builds the undici request itself and has no option for an AbortSignal, so the signal
// rides along on the headers object (which it copies with Object.assign, symbols included); undici
// only reads string keys, so the symbol never reaches the wire.
const SIGNAL = Symbol('understudy.upstreamSignal');

/**
 * Aborts one upstream request. undici takes an EventEmitter with `aborted` and an 'abort' event as
 * a signal; this costs far less per request than an AbortController (an EventTarget).
 */
export class UpstreamAbort extends EventEmitter {
  aborted = false;
  reason: Error | undefined;

  abort(reason: Error): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }
}

type SignalCarrier = { [SIGNAL]?: UpstreamAbort };
type RequestCallback = (err: Error | null, data: Dispatcher.ResponseData) => void;

/** Attaches the signal that aborts this request upstream when its client goes away. */
export function carrySignal<T extends object>(headers: T, signal: UpstreamAbort): T {
  (headers as SignalCarrier)[SIGNAL] = signal;
  return headers;
}

function portOf(options: buildConnector.Options): number {
  if (options.port) return Number(options.port);
  return options.protocol === 'https:' ? 443 : 80;
}

/**
 * Keep-alive pools to every upstream (undici Agent: one pool per origin). Each new connection first
 * asks the guard for an allowed address of the host and connects to exactly that address; TLS keeps
 * verifying the certificate against the host name (`host` still carries it for SNI).
 */
export function createUpstreamAgent(guard: AddressGuard): Agent {
  const connector = buildConnector({ timeout: CONNECT_TIMEOUT_MS });
  const connect: buildConnector.connector = (options, callback) => {
    guard.addressFor(options.hostname, portOf(options)).then(
      (address) => connector({ ...options, hostname: address }, callback),
      (error: Error) => callback(error, null),
    );
  };
  return new Agent({ connect });
}

/** What reply-from is given as its undici instance: the agent, with the carried signal applied. */
export function signalledDispatcher(agent: Agent): { request: Dispatcher['request'] } {
  const request = (options: Dispatcher.RequestOptions, callback: RequestCallback): void => {
    const signal = (options.headers as SignalCarrier | undefined)?.[SIGNAL];
    agent.request(signal ? { ...options, signal } : options, callback);
  };
  return { request: request as unknown as Dispatcher['request'] };
}
