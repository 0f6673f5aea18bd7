export * from './errors.js';
export * from './auth.js';
export * from './stub.js';
export * from './service.js';
export * from './journal.js';
