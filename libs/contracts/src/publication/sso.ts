import { z } from 'zod';
import { defineCommand } from '../define.js';
import { uaiSchema } from '../shared/uai.js';
import { publicationEspaceSchema } from './espaces.js';

export const SsoErrorCode = {
  /** The CAS server refused the ticket; `details.casCode` is its code (INVALID_TICKET, INVALID_SERVICE...). */
  CAS_TICKET_REJECTED: 'CAS_TICKET_REJECTED',
  /** The ticket was already presented here once (success or not). */
  CAS_TICKET_ALREADY_USED: 'CAS_TICKET_ALREADY_USED',
  /** The CAS server did not answer, or not with a CAS response. */
  CAS_SERVER_UNAVAILABLE: 'CAS_SERVER_UNAVAILABLE',
  /** The espace is not published, or does not delegate to CAS. */
  CAS_NOT_CONFIGURED: 'CAS_NOT_CONFIGURED',
} as const;

/** What the PRONOTE.net front asks when a browser comes back from the CAS login with `ticket=`. */
export const ValidateCasTicket = defineCommand(
  'publication.sso.validate_cas_ticket',
  1,
  z.strictObject({
    uai: uaiSchema,
    espace: publicationEspaceSchema,
    /** The mobile page the ticket was issued for. */
    mobile: z.boolean().default(false),
    ticket: z.string().min(1).max(512),
  }),
  z.object({ user: z.string(), attributes: z.record(z.string(), z.array(z.string())), delegationId: z.uuid() }),
);
