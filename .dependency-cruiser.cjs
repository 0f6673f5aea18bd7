/** The dependency rules of DESIGN.md §3, checked on every `npm run lint`. */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'core/ imports only core/ and the contracts package (no I/O, no Fastify, no SQL, no brokers)',
      severity: 'error',
      from: { path: '^packages/server/src/core/', pathNot: '\\.test\\.ts$' },
      to: {
        pathNot: [
          '^packages/server/src/core/',
          '^packages/contracts/',
          '^node_modules/typebox',
          '^node_modules/jsonpath-plus',
        ],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'services-through-ports',
      comment: 'services/ reach I/O only through core/ports',
      severity: 'error',
      from: { path: '^packages/server/src/services/' },
      to: { path: '^packages/server/src/(http|store|brokers|sandbox|config)/' },
    },
    {
      name: 'adapters-do-not-import-each-other',
      comment: 'http, store, brokers and sandbox import core/services, never each other',
      severity: 'error',
      from: { path: '^packages/server/src/(http|store|brokers|sandbox)/' },
      to: {
        path: '^packages/server/src/(http|store|brokers|sandbox)/',
        pathNot: '^packages/server/src/$1/',
      },
    },
    {
      name: 'only-app-wires-adapters',
      comment: 'only app.ts (and tests) pick concrete adapters',
      severity: 'error',
      from: {
        path: '^packages/server/src/',
        pathNot: [
          '^packages/server/src/(app|main)\\.ts$',
          '\\.test\\.ts$',
          '^packages/server/src/testing/',
          '^packages/server/src/(http|store|brokers|sandbox)/',
        ],
      },
      to: { path: '^packages/server/src/(store|brokers|sandbox)/' },
    },
    {
      name: 'web-only-types-from-server-side',
      comment: 'the web app talks to the server only over HTTP and imports only types from contracts',
      severity: 'error',
      from: { path: '^packages/web/src/' },
      to: { path: '^packages/(server|contracts)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      conditionNames: ['source', 'import', 'default'],
      exportsFields: ['exports'],
      mainFields: ['module', 'main', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts', '.d.mts'],
    },
  },
};
