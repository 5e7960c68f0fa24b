/** The gateway configuration, as the TLS module sees it. */
export const TLS_CONFIG = Symbol('TLS_CONFIG');
