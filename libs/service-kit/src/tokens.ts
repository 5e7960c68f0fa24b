/** Injection tokens shared by every service. */
export const LOGGER = Symbol('LOGGER');
export const METRICS = Symbol('METRICS');
export const SERVICE_NAME = Symbol('SERVICE_NAME');
