import {
  QueueMock,
  QueueMockCreate,
  QueueMockDeleteQuery,
  QueueMockList,
  QueueMockParams,
  QueueMockPatch,
} from '@understudy/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { BrokerKind, QueueMockRecord, UserStore } from '../../core/ports/index.js';
import type { BrokerCatalog } from '../../services/queues/broker-catalog.js';
import type { QueueCatalog } from '../../services/queues/queue-catalog.js';
import { ownerOf, presentQueueMock } from './queue-presenters.js';
import { actorOf } from './request-identity.js';
import { NoContent, SECURED, errorResponses } from './schema-helpers.js';

export interface QueueRoutesOptions {
  queues: QueueCatalog;
  brokers: BrokerCatalog;
  users: UserStore;
}

/** Queue mocks: a queue on a broker whose every message is kept. Messages, stream and publish: queue-message.routes.ts. */
export const queueRoutes: FastifyPluginAsync<QueueRoutesOptions> = async (
  app,
  { queues, brokers, users },
) => {
  async function present(m: QueueMockRecord, kinds?: Map<string, BrokerKind>): Promise<QueueMock> {
    const kind = kinds?.get(m.broker) ?? (await brokers.get(m.broker)).kind;
    return presentQueueMock(m, {
      kind,
      status: queues.status(m.id),
      owner: await ownerOf(users, m.ownerId),
    });
  }
  const tags = ['queue mocks'];

  app.get(
    '/queues',
    {
      schema: {
        tags,
        summary: 'All queue mocks, with the live status of their consumers',
        security: SECURED,
        response: { 200: QueueMockList, ...errorResponses(401) },
      },
    },
    async () => {
      const kinds = new Map((await brokers.list()).map((b) => [b.name, b.kind]));
      return { items: await Promise.all((await queues.list()).map((m) => present(m, kinds))) };
    },
  );

  app.post(
    '/queues',
    {
      schema: {
        tags,
        summary: 'Create a queue mock: declares the queue (and bindings) and starts reading it at once',
        description:
          'A queue name or option the broker refuses is answered 4xx with the broker reason, and nothing is ' +
          'kept. 503 when the broker is not reachable now.',
        security: SECURED,
        body: QueueMockCreate,
        response: { 201: QueueMock, ...errorResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      const created = await queues.create(actorOf(request), request.body as QueueMockCreate);
      return reply.code(201).send(await present(created));
    },
  );

  app.get(
    '/queues/:id',
    {
      schema: {
        tags,
        summary: 'One queue mock',
        security: SECURED,
        params: QueueMockParams,
        response: { 200: QueueMock, ...errorResponses(401, 404) },
      },
    },
    async (request) => present(await queues.get((request.params as QueueMockParams).id)),
  );

  app.patch(
    '/queues/:id',
    {
      schema: {
        tags,
        summary: 'Change retention or the auto-reply (null turns it off); reading goes on',
        security: SECURED,
        params: QueueMockParams,
        body: QueueMockPatch,
        response: { 200: QueueMock, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params as QueueMockParams;
      return present(await queues.update(actorOf(request), id, request.body as QueueMockPatch));
    },
  );

  app.delete(
    '/queues/:id',
    {
      schema: {
        tags,
        summary:
          'Stop reading and forget the queue mock and its messages; ?deleteQueue=true also deletes the queue',
        security: SECURED,
        params: QueueMockParams,
        querystring: QueueMockDeleteQuery,
        response: { 204: NoContent, ...errorResponses(401, 403, 404, 503) },
      },
    },
    async (request, reply) => {
      const { id } = request.params as QueueMockParams;
      const { deleteQueue } = request.query as QueueMockDeleteQuery;
      await queues.delete(actorOf(request), id, deleteQueue ?? false);
      return reply.code(204).send();
    },
  );
};
