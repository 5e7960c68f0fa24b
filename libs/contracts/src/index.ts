export * from './envelope.js';
export * from './define.js';
export * from './errors.js';
