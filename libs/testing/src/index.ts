export * from './ids.js';
export * from './ports.js';
export * from './database.js';
