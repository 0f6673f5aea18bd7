export type * from './user-store.js';
export type * from './session-store.js';
export type * from './token-store.js';
export type * from './password-hasher.js';
export * from './clock.js';
export type * from './service-store.js';
export type * from './stub-store.js';
export type * from './journal-store.js';
