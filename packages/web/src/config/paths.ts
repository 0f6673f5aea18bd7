/** Every route of the app, relative to the router's `/ui` basename. */
export const paths = {
  home: '/',
  login: '/login',
  register: '/register',
  services: '/services',
  queues: '/queues',
  bridges: '/bridges',
  brokers: '/brokers',
  users: '/users',
  tokens: '/tokens',
} as const;

const seg = encodeURIComponent;

/** Pages of one service; names are URL-safe already, the encoding only guards against surprises. */
export const servicePaths = {
  stubs: (service: string) => `${paths.services}/${seg(service)}/stubs`,
  journal: (service: string) => `${paths.services}/${seg(service)}/journal`,
  newStub: (service: string) => `${paths.services}/${seg(service)}/stubs/new`,
  stub: (service: string, id: string) => `${paths.services}/${seg(service)}/stubs/${seg(id)}`,
} as const;

/** Pages of one queue mock; ids are URL-safe already. */
export const queuePaths = {
  detail: (id: string) => `${paths.queues}/${seg(id)}`,
} as const;

/** Pages of one bridge; ids are URL-safe already. */
export const bridgePaths = {
  new: `${paths.bridges}/new`,
  detail: (id: string) => `${paths.bridges}/${seg(id)}`,
  edit: (id: string) => `${paths.bridges}/${seg(id)}/edit`,
} as const;

/** Where to go after sign-in: only paths inside the app, so a crafted link can't send users elsewhere. */
export function safeRedirect(target: string | null): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
    return paths.home;
  }
  return target;
}
