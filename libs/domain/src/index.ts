export * from './auth/roles.js';
