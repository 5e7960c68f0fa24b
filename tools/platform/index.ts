export * from './platform.js';
export * from './services.js';
export * from './test-platform.js';
export { ensureDevTls, type DevTls } from './dev-tls.js';
export { instanceNamespace, INSTANCE_FILE, type PlatformNamespace } from './instance.js';
