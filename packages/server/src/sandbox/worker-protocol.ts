import type {
  EntrypointValues,
  HandlerArgs,
  HandlerEntrypoint,
  HandlerFailure,
  HandlerFailureKind,
  HandlerPayload,
} from '../core/ports/handler-runner.js';

/**
 * The messages of runner.py's protocol (its docstring is the other half). Replies come from a process
 * that runs user code, which can write its own frames to fd 3: every reply is checked here, and one
 * that does not fit is a protocol violation (the worker is killed), never a value passed on.
 */

/** `seq` is stamped on by the WorkerProcess that sends it; the reply repeats it. */
export type WorkerRequest = (
  | { op: 'validate'; code: string; entrypoint: HandlerEntrypoint }
  | { op: 'load'; code: string; entrypoint: HandlerEntrypoint; timeoutMs: number }
  | ({ op: 'call'; timeoutMs: number } & HandlerArgs)
) & { seq?: number };

export type Outcome<V = unknown> = ({ ok: true; value: V } | { ok: false; error: HandlerFailure }) & {
  stdout: string;
  stderr: string;
  retire: boolean;
};

export type Verdict = { ok: true } | { ok: false; problem: string; line?: number; column?: number };

type Fields = Record<string, unknown>;

const FAILURE_KINDS: readonly HandlerFailureKind[] = [
  'exception',
  'timeout',
  'bad-return',
  'output-limit',
  'crashed',
];

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
function isStringMap(value: unknown): value is Record<string, string> {
  if (!isObject(value)) return false;
  for (const key in value) if (typeof value[key] !== 'string') return false;
  return true;
}

function isPayload(value: unknown): value is HandlerPayload {
  if (!isObject(value)) return false;
  if (value.type === 'json') return 'value' in value;
  if (value.type === 'text') return isString(value.value);
  return value.type === 'bytes' && isString(value.base64);
}

function isFailure(value: unknown): value is HandlerFailure {
  return (
    isObject(value) &&
    FAILURE_KINDS.includes(value.kind as HandlerFailureKind) &&
    isString(value.message) &&
    (value.traceback === undefined || isString(value.traceback))
  );
}

const VALUE_CHECKS: { [E in HandlerEntrypoint]: (value: unknown) => value is EntrypointValues[E] } = {
  handler: (value): value is EntrypointValues['handler'] =>
    isObject(value) &&
    Number.isInteger(value.status) &&
    isStringMap(value.headers) &&
    (value.body === null || isPayload(value.body)),
  mapper: (value): value is EntrypointValues['mapper'] =>
    isObject(value) &&
    Array.isArray(value.messages) &&
    value.messages.every((m: unknown) => isObject(m) && isPayload(m.body) && isStringMap(m.headers)),
};

/** A call's reply; `undefined` when it breaks the protocol. */
export function parseCallOutcome<E extends HandlerEntrypoint>(
  frame: unknown,
  entrypoint: E,
): Outcome<EntrypointValues[E]> | undefined {
  const check = VALUE_CHECKS[entrypoint] as (value: unknown) => value is EntrypointValues[E];
  return parseOutcome(frame, check);
}

/** What loading the code tells: how many arguments the entrypoint takes. */
export interface Loaded {
  arity: 2 | 3;
}

/** A load's reply. */
export function parseLoadOutcome(frame: unknown): Outcome<Loaded> | undefined {
  return parseOutcome(
    frame,
    (value): value is Loaded => isObject(value) && (value.arity === 2 || value.arity === 3),
  );
}

function parseOutcome<V>(frame: unknown, check: (value: unknown) => value is V): Outcome<V> | undefined {
  if (!isObject(frame)) return undefined;
  const { stdout, stderr } = frame;
  if (!isString(stdout) || !isString(stderr)) return undefined;
  const retire = frame.retire === true;
  if (frame.ok === false)
    return isFailure(frame.error) ? { ok: false, error: frame.error, stdout, stderr, retire } : undefined;
  if (frame.ok !== true || !check(frame.value)) return undefined;
  return { ok: true, value: frame.value, stdout, stderr, retire };
}

export function parseVerdict(frame: unknown): Verdict | undefined {
  if (!isObject(frame)) return undefined;
  if (frame.ok === true) return { ok: true };
  if (frame.ok !== false || !isString(frame.problem)) return undefined;
  const position = Number.isInteger(frame.line) && Number.isInteger(frame.column);
  return position
    ? { ok: false, problem: frame.problem, line: frame.line as number, column: frame.column as number }
    : { ok: false, problem: frame.problem };
}
