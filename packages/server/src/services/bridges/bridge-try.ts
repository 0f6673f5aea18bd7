import type { BridgeTryRequest } from '@understudy/contracts';
import type { Actor } from '../../core/auth/actor.js';
import type { HandlerRunner, Headers, MapperSettings } from '../../core/ports/index.js';
import { encodeBody } from '../../core/queues/message-body.js';
import { checkMapper, prepareMapper, type MapResult } from './mappers.js';

/**
 * The "Try" button: checks a mapper like a save would, then runs it once on a pasted message, in the
 * sandbox, publishing nothing. Each user's tries get their own worker pool.
 */
export async function tryMapper(
  handlers: HandlerRunner,
  actor: Actor,
  request: BridgeTryRequest,
): Promise<MapResult> {
  const settings = request.mapper as MapperSettings;
  await checkMapper(settings, '/body/mapper', handlers);
  const { body, bodyEncoding, headers = {} } = request.message;
  const { bytes, contentType } = encodeBody(body, bodyEncoding, '/body/message/body');
  const mapper = prepareMapper(settings, { handlers, owner: `try-${actor.id}` });
  // Parsed from a JSON body, so every header value is JSON: exactly what a header value may be.
  return mapper.run({ bytes, headers: headers as Headers, properties: { contentType } });
}
