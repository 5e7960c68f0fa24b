import { z } from 'zod';
import { defineEvent } from '../define.js';
import { uaiSchema } from '../shared/uai.js';

/** Console access codes raised by the gateway (certificate checks, sessions, throttling). */
export const ConsoleAccessErrorCode = {
  CERTIFICATE_REQUIRED: 'CERTIFICATE_REQUIRED',
  CERTIFICATE_REVOKED: 'CERTIFICATE_REVOKED',
  CERTIFICATE_EXPIRED: 'CERTIFICATE_EXPIRED',
  CERTIFICATE_UNTRUSTED: 'CERTIFICATE_UNTRUSTED',
  CERTIFICATE_WRONG_SCHOOL: 'CERTIFICATE_WRONG_SCHOOL',
  SESSION_WRONG_SCHOOL: 'SESSION_WRONG_SCHOOL_FORBIDDEN',
  LOGIN_IP_SUSPENDED: 'LOGIN_IP_SUSPENDED',
  LOGIN_ACCOUNT_SUSPENDED: 'LOGIN_ACCOUNT_SUSPENDED',
} as const;

export const LoginSucceeded = defineEvent(
  'hosting.login.succeeded',
  1,
  z.object({ accountId: z.uuid(), uai: uaiSchema, clientIp: z.string(), certificateSerial: z.string(), at: z.iso.datetime() }),
);

/** Unknown hosting number and wrong password are one event: the reason is not for the outside. */
export const LoginFailed = defineEvent(
  'hosting.login.failed',
  1,
  z.object({
    hostingNumber: z.string(),
    clientIp: z.string(),
    failuresFromIp: z.number().int(),
    failuresForAccount: z.number().int(),
    at: z.iso.datetime(),
  }),
);

/** Feeds the suspended-IP list owned by the sessions service. */
export const LoginIpSuspended = defineEvent(
  'hosting.login.ip_suspended',
  1,
  z.object({ clientIp: z.string(), until: z.iso.datetime(), level: z.number().int(), failures: z.number().int() }),
);
