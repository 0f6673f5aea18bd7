import {
  JournalCount,
  JournalCountRequest,
  JournalEntry,
  JournalPage,
  JournalQuery as JournalQuerySchema,
  JournalSummary,
  ServiceParams,
} from '@understudy/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { NotFoundError, ValidationError } from '../../core/errors.js';
import { presentEntry, type JournalQuery } from '../../services/journal-query.js';
import type { JournalWriter } from '../../services/journal-writer.js';
import { actorOf } from './request-identity.js';
import { NoContent, SECURED, errorResponses } from './schema-helpers.js';

const EntryParams = Type.Object({
  name: ServiceParams.properties.name,
  id: Type.String({ pattern: '^[0-9]+$', maxLength: 18 }),
});
const asStored = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) };
const time = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));

export interface JournalRoutesOptions {
  journal: JournalQuery;
  writer: JournalWriter;
}

/** The journal: every mock call, with the stub that answered or the near misses. */
export const journalRoutes: FastifyPluginAsync<JournalRoutesOptions> = async (app, { journal, writer }) => {
  const tags = ['journal'];

  app.get(
    '/services/:name/requests',
    {
      ...asStored,
      schema: {
        tags,
        summary: 'Recorded calls, newest first; filter and page with ?limit=&cursor=',
        security: SECURED,
        params: ServiceParams,
        querystring: JournalQuerySchema,
        response: { 200: JournalPage, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { name } = request.params as ServiceParams;
      const q = request.query as JournalQuerySchema;
      const filter = {
        method: q.method,
        pathContains: q.path,
        status: q.status,
        matched: q.matched,
        since: time(q.since),
        until: time(q.until),
      };
      return journal.page(name, filter, q.limit ?? 50, q.cursor === undefined ? undefined : Number(q.cursor));
    },
  );

  app.get(
    '/services/:name/requests/summary',
    {
      schema: {
        tags,
        summary: 'How many calls the journal keeps, and when the newest arrived (cheap; for lists)',
        security: SECURED,
        params: ServiceParams,
        response: { 200: JournalSummary, ...errorResponses(401, 404) },
      },
    },
    async (request) => journal.summary((request.params as ServiceParams).name),
  );

  app.get(
    '/services/:name/requests/:id',
    {
      ...asStored,
      schema: {
        tags,
        summary: 'One recorded call',
        security: SECURED,
        params: EntryParams,
        response: { 200: JournalEntry, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { name, id } = request.params as { name: string; id: string };
      const record = await journal.get(name, Number(id));
      if (!record) throw new NotFoundError(`Service "${name}" has no recorded call ${id}`);
      return presentEntry(record);
    },
  );

  app.post(
    '/services/:name/requests/count',
    {
      schema: {
        tags,
        summary: 'Count recorded calls matching a request predicate (verification for tests)',
        security: SECURED,
        params: ServiceParams,
        body: JournalCountRequest,
        response: { 200: JournalCount, ...errorResponses(400, 401, 404) },
      },
      // The predicate compiler validates `request` with precise pointers; the rest is checked here.
      validatorCompiler: () => (data: unknown) => ({ value: data }),
    },
    async (request) => {
      const { name } = request.params as ServiceParams;
      const { predicate, since } = countRequestOf(request.body);
      return { count: await journal.count(name, predicate, since) };
    },
  );

  app.delete(
    '/services/:name/requests',
    {
      schema: {
        tags,
        summary: 'Clear the journal of a service',
        security: SECURED,
        params: ServiceParams,
        response: { 204: NoContent, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await journal.clear(actorOf(request), (request.params as ServiceParams).name);
      return reply.code(204).send();
    },
  );

  app.get(
    '/services/:name/requests/stream',
    {
      schema: {
        tags,
        summary: 'Live journal as Server-Sent Events (event: entry)',
        security: SECURED,
        params: ServiceParams,
      },
    },
    async (request, reply) => {
      const { name } = request.params as ServiceParams;
      await journal.page(name, {}, 1);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      raw.write(': connected\n\n');
      const unsubscribe = writer.subscribe(name, (record) => {
        raw.write(`event: entry\nid: ${record.id}\ndata: ${JSON.stringify(presentEntry(record))}\n\n`);
      });
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), 15_000);
      request.raw.once('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    },
  );
};

function countRequestOf(body: unknown): { predicate: unknown; since: number | undefined } {
  const problems: { path: string; message: string }[] = [];
  const doc =
    typeof body === 'object' && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  if (!('request' in doc)) problems.push({ path: '/body/request', message: 'is required' });
  for (const key of Object.keys(doc)) {
    if (key !== 'request' && key !== 'since')
      problems.push({ path: `/body/${key}`, message: 'is not a known field; remove it' });
  }
  const since = typeof doc.since === 'string' ? Date.parse(doc.since) : undefined;
  if ('since' in doc && (since === undefined || Number.isNaN(since))) {
    problems.push({ path: '/body/since', message: 'must be a date-time such as 2026-01-31T12:00:00Z' });
  }
  if (problems.length)
    throw new ValidationError(`Invalid request: ${problems[0]?.path} ${problems[0]?.message}`, problems);
  return { predicate: doc.request, since };
}
