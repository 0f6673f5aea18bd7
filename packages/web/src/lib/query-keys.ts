/**
 * Query keys of the server's resources, in one place so that a mutation in one feature can
 * invalidate what it changes in another (a new stub changes its service's stub count) without
 * features importing each other.
 */
export const queryKeys = {
  services: {
    all: ['services'] as const,
    detail: (name: string) => ['services', name] as const,
  },
  stubs: {
    all: (service: string) => ['stubs', service] as const,
    detail: (service: string, id: string) => ['stubs', service, id] as const,
  },
  journal: {
    all: (service: string) => ['journal', service] as const,
    list: (service: string, filters: object) => ['journal', service, filters] as const,
  },
  brokers: {
    all: ['brokers'] as const,
  },
  queues: {
    all: ['queues'] as const,
    detail: (id: string) => ['queues', id] as const,
  },
  queueMessages: {
    all: (queue: string) => ['queue-messages', queue] as const,
    list: (queue: string, filters: object) => ['queue-messages', queue, 'list', filters] as const,
    latest: (queue: string) => ['queue-messages', queue, 'latest'] as const,
    stats: (queue: string) => ['queue-messages', queue, 'stats'] as const,
  },
  bridges: {
    all: ['bridges'] as const,
    detail: (id: string) => ['bridges', id] as const,
    hops: (id: string) => ['bridges', id, 'hops'] as const,
    deadLetters: (id: string) => ['bridges', id, 'dead-letters'] as const,
  },
} as const;
