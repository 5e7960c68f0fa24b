export * from './define-config.js';
export * from './variables.js';
