import type { ServiceMode } from '@understudy/contracts';

export const MODE_OPTIONS: { value: ServiceMode; label: string }[] = [
  { value: 'mock', label: 'Mock' },
  { value: 'proxy', label: 'Proxy' },
  { value: 'partial', label: 'Partial' },
];

export const MODE_HELP: Record<ServiceMode, string> = {
  mock: 'Stubs answer every call; a call no stub matches gets a 404 with the near misses.',
  proxy: 'Every call goes to the upstream, the real service.',
  partial: 'Stubs answer first; calls no stub matches go to the upstream.',
};

export function isServiceMode(value: string): value is ServiceMode {
  return value === 'mock' || value === 'proxy' || value === 'partial';
}
