import {
  PublishRequest,
  PublishResult,
  QueueMessagePage,
  QueueMessageQuery,
  QueueMockParams,
  QueueStats,
} from '@understudy/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { QueueMessageFilter } from '../../core/ports/index.js';
import type { QueueCatalog } from '../../services/queues/queue-catalog.js';
import type { QueueLiveFeed } from '../../services/queues/queue-live-feed.js';
import type { QueueMessages } from '../../services/queues/queue-messages.js';
import { presentMessage } from './queue-presenters.js';
import { MAX_REPLAY, lastEventIdOf, serveQueueStream } from './queue-stream.js';
import { actorOf } from './request-identity.js';
import { SECURED, errorResponses } from './schema-helpers.js';

export interface QueueMessageRoutesOptions {
  queues: QueueCatalog;
  messages: QueueMessages;
  feed: QueueLiveFeed;
}

// Messages are sent exactly as kept (bodies are arbitrary JSON); the schema documents them.
const asStored = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) };
const time = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));
const Cleared = Type.Object({ deleted: Type.Integer() });

function filterOf(q: QueueMessageQuery): QueueMessageFilter {
  const headers = (q.header ?? []).map((h): [string, string] => {
    const colon = h.indexOf(':');
    return [h.slice(0, colon).trim(), h.slice(colon + 1).trim()];
  });
  return { text: q.q, headers, since: time(q.since), until: time(q.until) };
}

/** A queue mock's messages: read (filtered, paged), watched live (SSE), counted per minute, published. */
export const queueMessageRoutes: FastifyPluginAsync<QueueMessageRoutesOptions> = async (app, options) => {
  const { queues, messages, feed } = options;
  const tags = ['queue mocks'];
  // Streams never end by themselves; end them when the server closes, or closing would wait for clients.
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });

  app.get(
    '/queues/:id/messages',
    {
      ...asStored,
      schema: {
        tags,
        summary: 'Kept messages, newest first; filter with q (body text), header=name:value, since, until',
        security: SECURED,
        params: QueueMockParams,
        querystring: QueueMessageQuery,
        response: { 200: QueueMessagePage, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { id } = request.params as QueueMockParams;
      const q = request.query as QueueMessageQuery;
      const cursor = q.cursor === undefined ? undefined : Number(q.cursor);
      const page = await messages.page(id, filterOf(q), q.limit ?? 50, cursor);
      return { items: page.items.map(presentMessage), next: page.next };
    },
  );

  app.delete(
    '/queues/:id/messages',
    {
      schema: {
        tags,
        summary: 'Forget every kept message of a queue mock (the broker is not touched)',
        security: SECURED,
        params: QueueMockParams,
        response: { 200: Cleared, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => ({
      deleted: await queues.clear(actorOf(request), (request.params as QueueMockParams).id),
    }),
  );

  app.get(
    '/queues/:id/stats',
    {
      schema: {
        tags,
        summary: 'Messages kept, and messages per minute over the last hour (for a chart)',
        security: SECURED,
        params: QueueMockParams,
        response: { 200: QueueStats, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const stats = await messages.stats((request.params as QueueMockParams).id);
      const perMinute = stats.perMinute.map((m) => ({
        minute: new Date(m.minute).toISOString(),
        count: m.count,
      }));
      return { total: stats.total, perMinute };
    },
  );

  app.post(
    '/queues/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish into the queue; answers 201 only once the broker confirmed the message',
        description:
          '404 when no queue takes it (e.g. the queue was deleted), 503 when the broker is unreachable or ' +
          'did not confirm in time (the message may or may not have arrived).',
        security: SECURED,
        params: QueueMockParams,
        body: PublishRequest,
        response: { 201: PublishResult, ...errorResponses(400, 401, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      const { id } = request.params as QueueMockParams;
      const receipt = await messages.publish(id, request.body as PublishRequest);
      return reply.code(201).send({ messageId: receipt.messageId });
    },
  );

  app.get(
    '/queues/:id/stream',
    {
      schema: {
        tags,
        summary:
          'Live messages as Server-Sent Events: event "message" per stored message, "reply" per auto-reply',
        description:
          'A reconnect with Last-Event-ID (EventSource sends it by itself) first gets the messages stored ' +
          `after that id, oldest first (at most ${MAX_REPLAY}; an event "gap" says when more were missed), ` +
          'then the live ones.',
        security: SECURED,
        params: QueueMockParams,
      },
    },
    async (request, reply) => {
      const { id } = request.params as QueueMockParams;
      await queues.get(id);
      reply.hijack();
      const lastEventId = lastEventIdOf(request.headers['last-event-id']);
      const stop = serveQueueStream(reply.raw, id, { feed, messages }, lastEventId);
      const end = () => {
        streams.delete(end);
        stop();
      };
      streams.add(end);
      request.raw.once('close', end);
    },
  );
};
