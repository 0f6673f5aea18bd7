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
} as const;
