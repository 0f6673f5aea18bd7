import type {
  AutoReplySettings,
  HandlerRunner,
  OutgoingMessage,
  QueueMessageRecord,
  QueueMockRecord,
  StoredReply,
} from '../../core/ports/index.js';
import { staticReply } from '../../core/queues/auto-reply.js';
import { DEFAULT_REPLY_TIMEOUT_MS, handlerArgsOf, replyFromHandler } from '../../core/queues/python-reply.js';
import { handlerKey } from '../run-python-stub.js';

type HandlerTrace = NonNullable<StoredReply['handler']>;

/** The reply to send, or why there is none; a Python handler's output either way. */
export type ComposedReply = ({ ok: true; message: OutgoingMessage } | { ok: false; error: string }) & {
  handler?: HandlerTrace;
};

export interface ComposeContext {
  handlers: HandlerRunner;
  mock: QueueMockRecord;
}

type Composer<S extends AutoReplySettings> = (
  settings: S,
  request: QueueMessageRecord,
  context: ComposeContext,
) => Promise<ComposedReply>;

const composeStatic: Composer<Extract<AutoReplySettings, { kind: 'static' }>> = async (
  settings,
  request,
) => ({
  ok: true,
  message: staticReply(settings, request),
});

/**
 * Runs the queue mock's handler in its own sandbox pool (one per queue mock and code, like a stub's).
 * The user's failures come back as `{ ok: false }`; a call that cannot be tried (sandbox busy or
 * unavailable) throws, and the replier records that instead.
 */
const composePython: Composer<Extract<AutoReplySettings, { kind: 'python' }>> = async (
  settings,
  request,
  { handlers, mock },
) => {
  const result = await handlers.run({
    key: handlerKey(mock.id, settings.code),
    code: settings.code,
    entrypoint: 'handler',
    args: handlerArgsOf(request, mock.queue),
    timeoutMs: settings.timeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS,
  });
  const handler: HandlerTrace = {
    stdout: result.stdout,
    stderr: result.stderr,
    traceback: result.ok ? null : (result.error.traceback ?? null),
    durationMs: result.durationMs,
  };
  if (!result.ok)
    return { ok: false, error: `handler ${result.error.kind}: ${result.error.message}`, handler };
  return { ok: true, message: replyFromHandler(result.value, request.properties.correlationId), handler };
};

/** One composer per auto-reply kind (STYLE rule 3: a table, no switch on kind). */
const COMPOSERS: { [K in AutoReplySettings['kind']]: Composer<Extract<AutoReplySettings, { kind: K }>> } = {
  static: composeStatic,
  python: composePython,
};

export function composeReply(
  settings: AutoReplySettings,
  request: QueueMessageRecord,
  context: ComposeContext,
): Promise<ComposedReply> {
  const compose = COMPOSERS[settings.kind] as Composer<AutoReplySettings>;
  return compose(settings, request, context);
}
