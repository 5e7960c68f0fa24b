/** The validated configuration object of the service, for providers that need a setting. */
export const BASES_CONFIG = Symbol('BASES_CONFIG');
