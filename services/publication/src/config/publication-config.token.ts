/** The validated configuration object of the service, for providers that need a setting. */
export const PUBLICATION_CONFIG = Symbol('PUBLICATION_CONFIG');
