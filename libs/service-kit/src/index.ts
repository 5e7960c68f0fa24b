export * from './tokens.js';
export * from './nest-logger.js';
export * from './service-kit.module.js';
export * from './bootstrap.js';
export * from './correlation-hook.js';
