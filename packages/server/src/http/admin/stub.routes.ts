import {
  ServiceParams,
  Stub,
  StubBulkRequest,
  StubBulkResult,
  StubInput,
  StubList,
  StubListQuery,
} from '@understudy/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { presentStub, type StubCatalog } from '../../services/stub-catalog.js';
import { actorOf } from './request-identity.js';
import { NoContent, SECURED, errorResponses } from './schema-helpers.js';

const StubParams = Type.Object({ name: ServiceParams.properties.name, id: Type.String({ maxLength: 100 }) });
type StubParams = { name: string; id: string };

// The stub compiler validates the body itself, with pointers into it and messages that say what to
// fix; the schema is here for the OpenAPI document. Answers are sent as the stored JSON, unchanged.
const compilerValidates = { validatorCompiler: () => (data: unknown) => ({ value: data }) };
const asStored = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) };

/** Stubs of a service: a predicate on the request and the response to give. */
export const stubRoutes: FastifyPluginAsync<{ stubs: StubCatalog }> = async (app, { stubs }) => {
  const tags = ['stubs'];

  app.get(
    '/services/:name/stubs',
    {
      ...asStored,
      schema: {
        tags,
        summary: 'The stubs of a service; ?recorded=true&enabled=false lists the recordings to review',
        security: SECURED,
        params: ServiceParams,
        querystring: StubListQuery,
        response: { 200: StubList, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { name } = request.params as ServiceParams;
      return { items: (await stubs.list(name, request.query as StubListQuery)).map(presentStub) };
    },
  );

  app.post(
    '/services/:name/stubs/bulk',
    {
      schema: {
        tags,
        summary: 'Enable, disable or delete several stubs at once (e.g. the reviewed recordings)',
        security: SECURED,
        params: ServiceParams,
        body: StubBulkRequest,
        response: { 200: StubBulkResult, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request): Promise<StubBulkResult> => {
      const { name } = request.params as ServiceParams;
      const { action, ids } = request.body as StubBulkRequest;
      return { action, ids: await stubs.bulk(actorOf(request), name, action, ids) };
    },
  );

  app.post(
    '/services/:name/stubs',
    {
      ...compilerValidates,
      ...asStored,
      schema: {
        tags,
        summary: 'Add a stub; it answers mock traffic at once',
        security: SECURED,
        params: ServiceParams,
        body: StubInput,
        response: { 201: Stub, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { name } = request.params as ServiceParams;
      const created = await stubs.create(actorOf(request), name, request.body);
      return reply.code(201).send(presentStub(created));
    },
  );

  app.get(
    '/services/:name/stubs/:id',
    {
      ...asStored,
      schema: {
        tags,
        summary: 'One stub',
        security: SECURED,
        params: StubParams,
        response: { 200: Stub, ...errorResponses(401, 404) },
      },
    },
    async (request) => {
      const { name, id } = request.params as StubParams;
      return presentStub(await stubs.get(name, id));
    },
  );

  app.put(
    '/services/:name/stubs/:id',
    {
      ...compilerValidates,
      ...asStored,
      schema: {
        tags,
        summary: 'Replace a stub',
        security: SECURED,
        params: StubParams,
        body: StubInput,
        response: { 200: Stub, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { name, id } = request.params as StubParams;
      return presentStub(await stubs.replace(actorOf(request), name, id, request.body));
    },
  );

  app.delete(
    '/services/:name/stubs/:id',
    {
      schema: {
        tags,
        summary: 'Delete a stub',
        security: SECURED,
        params: StubParams,
        response: { 204: NoContent, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { name, id } = request.params as StubParams;
      await stubs.delete(actorOf(request), name, id);
      return reply.code(204).send();
    },
  );
};
