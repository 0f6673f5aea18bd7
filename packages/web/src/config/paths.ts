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

/** Where to go after sign-in: only paths inside the app, so a crafted link can't send users elsewhere. */
export function safeRedirect(target: string | null): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
    return paths.home;
  }
  return target;
}
