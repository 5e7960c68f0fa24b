import { CommonErrorCode } from '@pronote/contracts';

/** RFC 9457 problem details, with our stable machine code. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  correlationId?: string;
  errors?: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Gateway-level codes (the services' own codes travel unchanged). */
export const GatewayErrorCode = {
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  MALFORMED_JSON: 'MALFORMED_JSON',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  RATE_LIMITED: 'RATE_LIMITED',
} as const;

const EXPLICIT_STATUS: Record<string, number> = {
  [CommonErrorCode.VALIDATION_FAILED]: 400,
  [CommonErrorCode.NOT_FOUND]: 404,
  [CommonErrorCode.CONFLICT]: 409,
  [CommonErrorCode.UPSTREAM_TIMEOUT]: 504,
  [CommonErrorCode.UPSTREAM_UNAVAILABLE]: 503,
  [CommonErrorCode.INTERNAL]: 500,
  [GatewayErrorCode.ROUTE_NOT_FOUND]: 404,
  [GatewayErrorCode.METHOD_NOT_ALLOWED]: 405,
  [GatewayErrorCode.MALFORMED_JSON]: 400,
  [GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [GatewayErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [GatewayErrorCode.UNAUTHENTICATED]: 401,
  [GatewayErrorCode.FORBIDDEN]: 403,
  [GatewayErrorCode.RATE_LIMITED]: 429,
  // Credentials that do not authenticate, and an account an operator suspended.
  CREDENTIALS_INVALID: 401,
  ACCOUNT_SUSPENDED: 403,
};

/**
 * The HTTP status of a domain code. Services name their codes by convention
 * (`*_NOT_FOUND`, `*_ALREADY_*`, `*_INVALID`...), so a new code maps without touching the gateway.
 */
export function statusOf(code: string): number {
  const explicit = EXPLICIT_STATUS[code];
  if (explicit) return explicit;
  if (code.endsWith('_NOT_FOUND')) return 404;
  if (code.includes('_ALREADY_') || code.endsWith('_CONFLICT') || code.endsWith('_IN_SERVICE')) return 409;
  if (code.endsWith('_FORBIDDEN') || code.startsWith('CERTIFICATE_')) return 403;
  if (code.endsWith('_TOO_LARGE')) return 413;
  if (code.endsWith('_UNAVAILABLE')) return 503;
  if (code.endsWith('_TIMEOUT')) return 504;
  if (code.endsWith('_SUSPENDED') || code.endsWith('_TOO_OFTEN')) return 429;
  return 422;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function problem(code: string, detail: string, extra: Partial<Problem> = {}): Problem {
  const status = extra.status ?? statusOf(code);
  return {
    type: `https://errors.pronote-hosting.example/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...extra,
  };
}
