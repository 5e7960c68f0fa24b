export * from './ids.js';
export * from './ports.js';
export * from './database.js';
export * from './https-client.js';
export * from './nats-server.js';
export * from './redis.js';
export * from './streams.js';
