import type { ServiceRecord } from '../ports/index.js';

export const DEFAULT_JOURNAL: ServiceRecord['journal'] = {
  maxEntries: 10_000,
  maxAgeHours: 168,
  bodyCapBytes: 65_536,
};
