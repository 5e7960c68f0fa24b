import { z } from 'zod';
import { defineCommand, defineEvent } from '../define.js';
import { uaiSchema } from '../shared/uai.js';

/** An address suspended after failed logins on this school's hosting number (Fiche 11 §2). */
export const suspendedAddressSchema = z.object({
  address: z.string(),
  suspendedUntil: z.iso.datetime(),
  level: z.number().int(),
  failures: z.number().int(),
});

export const ListSuspendedIps = defineCommand(
  'sessions.ip.list',
  1,
  z.strictObject({ uai: uaiSchema }),
  z.object({ items: z.array(suspendedAddressSchema) }),
);

/** "Débloquer les IP suspendues". */
export const UnblockSuspendedIps = defineCommand(
  'sessions.ip.unblock',
  1,
  z.strictObject({ uai: uaiSchema }),
  z.object({ unblocked: z.array(z.string()) }),
);

/** The gateway lifts these addresses from its login throttle. */
export const SuspendedIpsUnblocked = defineEvent(
  'hosting.sessions.ips_unblocked',
  1,
  z.object({ uai: uaiSchema, addresses: z.array(z.string()).min(1) }),
);
