import type { BrokerKind } from '../ports/broker-client.js';
import { ValidationError } from '../errors.js';

/** The URL schemes each kind's client understands. */
const SCHEMES: Record<BrokerKind, readonly string[]> = {
  rabbitmq: ['amqp:', 'amqps:'],
  nats: ['nats:', 'tls:', 'ws:', 'wss:'],
  mqtt: ['mqtt:', 'mqtts:', 'tcp:', 'ssl:', 'ws:', 'wss:'],
  redis: ['redis:', 'rediss:'],
};

export interface SplitUrl {
  /** The URL with user and password removed. */
  url: string;
  username: string | null;
  password: string | null;
}

function invalid(message: string): ValidationError {
  return new ValidationError(`Invalid broker URL: ${message}`, [{ path: '/body/url', message }]);
}

/**
 * Checks `raw` for `kind` and takes any credentials out of it, so they are stored encrypted with the
 * password and never shown back in the URL (issue 6).
 */
export function splitCredentials(kind: BrokerKind, raw: string): SplitUrl {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Not echoed back: the text may hold a password.
    throw invalid('it is not a URL such as scheme://host:port');
  }
  const schemes = SCHEMES[kind];
  if (!schemes.includes(url.protocol)) {
    throw invalid(`a ${kind} broker URL starts with ${schemes.map((s) => `${s}//`).join(' or ')}`);
  }
  if (!url.hostname) throw invalid('it names no host');
  const username = url.username ? decodeURIComponent(url.username) : null;
  const password = url.password ? decodeURIComponent(url.password) : null;
  url.username = '';
  url.password = '';
  return { url: url.toString(), username, password };
}

/** Puts credentials back into a URL, for clients that only take them there (rabbitmq-client). */
export function withCredentials(url: string, username: string | null, password: string | null): string {
  if (username === null && password === null) return url;
  const parsed = new URL(url);
  // The URL setters percent-encode what needs it, so any character survives the round trip.
  parsed.username = username ?? '';
  parsed.password = password ?? '';
  return parsed.toString();
}
