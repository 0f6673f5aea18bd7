import {
  BridgeParams,
  DeadLetter,
  DeadLetterPage,
  DeadLetterParams,
  DeadLetterPatch,
  DeadLetterQuery,
  ReplayAllResult,
  ReplayResult,
} from '@understudy/contracts';
import type { FastifyPluginAsync } from 'fastify';
import type { DeadLetters } from '../../services/bridges/dead-letters.js';
import { presentDeadLetter } from './bridge-presenters.js';
import { actorOf } from './request-identity.js';
import { NoContent, SECURED, errorResponses } from './schema-helpers.js';

const asBuilt = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) };
const tags = ['bridges'];
const one = (p: DeadLetterParams) => [p.id, Number(p.dlId)] as const;

/** A bridge's dead letters: inspected, edited, replayed through the current mapper, or discarded. */
export const bridgeDeadLetterRoutes: FastifyPluginAsync<{ deadLetters: DeadLetters }> = async (
  app,
  { deadLetters },
) => {
  app.get(
    '/bridges/:id/dead-letters',
    {
      ...asBuilt,
      schema: {
        tags,
        summary: 'Dead letters, newest first, each with its input, error, traceback and attempts',
        security: SECURED,
        params: BridgeParams,
        querystring: DeadLetterQuery,
        response: { 200: DeadLetterPage, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { id } = request.params as BridgeParams;
      const { limit = 50, cursor } = request.query as DeadLetterQuery;
      const page = await deadLetters.list(id, limit + 1, cursor === undefined ? undefined : Number(cursor));
      const items = page.slice(0, limit);
      const next = page.length > limit ? String(items.at(-1)?.id) : null;
      return { items: items.map(presentDeadLetter), next };
    },
  );

  app.post(
    '/bridges/:id/dead-letters/replay',
    {
      schema: {
        tags,
        summary: 'Replay every dead letter, oldest first, through the current mapper',
        description: 'Those the mapper fails on again stay, with the new error. 503 if OUT is unavailable.',
        security: SECURED,
        params: BridgeParams,
        response: { 200: ReplayAllResult, ...errorResponses(401, 403, 404, 503) },
      },
    },
    async (request) => deadLetters.replayAll(actorOf(request), (request.params as BridgeParams).id),
  );

  app.get(
    '/bridges/:id/dead-letters/:dlId',
    {
      ...asBuilt,
      schema: {
        tags,
        summary: 'One dead letter',
        security: SECURED,
        params: DeadLetterParams,
        response: { 200: DeadLetter, ...errorResponses(401, 404) },
      },
    },
    async (request) => presentDeadLetter(await deadLetters.get(...one(request.params as DeadLetterParams))),
  );

  app.patch(
    '/bridges/:id/dead-letters/:dlId',
    {
      ...asBuilt,
      schema: {
        tags,
        summary: 'Edit a dead letter (body, headers) before replaying it',
        security: SECURED,
        params: DeadLetterParams,
        body: DeadLetterPatch,
        response: { 200: DeadLetter, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const [id, dlId] = one(request.params as DeadLetterParams);
      const edited = await deadLetters.edit(actorOf(request), id, dlId, request.body as DeadLetterPatch);
      return presentDeadLetter(edited);
    },
  );

  app.post(
    '/bridges/:id/dead-letters/:dlId/replay',
    {
      schema: {
        tags,
        summary: 'Run a dead letter through the current mapper and publish it; removed on success',
        description: 'ok false: the mapper failed again (the error is kept). 503 if OUT is unavailable.',
        security: SECURED,
        params: DeadLetterParams,
        response: { 200: ReplayResult, ...errorResponses(401, 403, 404, 503) },
      },
    },
    async (request) => deadLetters.replay(actorOf(request), ...one(request.params as DeadLetterParams)),
  );

  app.delete(
    '/bridges/:id/dead-letters/:dlId',
    {
      schema: {
        tags,
        summary: 'Discard a dead letter',
        security: SECURED,
        params: DeadLetterParams,
        response: { 204: NoContent, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deadLetters.discard(actorOf(request), ...one(request.params as DeadLetterParams));
      return reply.code(204).send();
    },
  );
};
