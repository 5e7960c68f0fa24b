export * from './envelope.js';
export * from './define.js';
export * from './errors.js';
export * from './shared/uai.js';
export * from './shared/contact.js';
export * from './accounts/account.js';
export * from './bases/tenant.js';
