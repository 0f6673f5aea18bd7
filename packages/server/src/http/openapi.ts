import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/** The OpenAPI document is generated from the route schemas; register before any route. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Understudy admin API',
        version: '0.1.0',
        description:
          'Mock HTTP services and message brokers. Sign in with POST /internal/auth/login (session cookie) ' +
          'or send `Authorization: Bearer <API token>` (POST /internal/tokens).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'understudy_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/internal/docs' });
  app.get('/internal/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
