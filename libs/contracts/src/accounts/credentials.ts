import { z } from 'zod';
import { defineCommand, defineEvent } from '../define.js';
import { uaiSchema } from '../shared/uai.js';

export const hostingNumberSchema = z
  .string()
  .transform((value) => value.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{12}$/, 'a hosting number is 12 digits'));

/** Passwords chosen by people: long enough, bounded so argon2 is never fed megabytes. */
export const chosenPasswordSchema = z.string().min(12, 'at least 12 characters').max(200);
/** A password being checked: any length up to the bound (a short one simply fails). */
export const givenPasswordSchema = z.string().min(1).max(200);

/**
 * "Hébergement > Recevoir mes identifiants d'hébergement" (seed, Fiche 2): a new password by SMS and
 * the hosting number by e-mail, to the contacts on file. Asked from a PRONOTE client connected to the
 * base, so the school is named by its UAI only; rate-limited per account.
 */
export const ResendCredentials = defineCommand(
  'accounts.credentials.resend',
  1,
  z.strictObject({ uai: uaiSchema }),
  z.object({ sentTo: z.object({ sms: z.string(), email: z.string() }) }),
);

export const ChangePassword = defineCommand(
  'accounts.credentials.change-password',
  1,
  z.strictObject({ accountId: z.uuid(), oldPassword: givenPasswordSchema, newPassword: chosenPasswordSchema }),
  z.object({ changedAt: z.iso.datetime() }),
);

/** The console login check. Same error (CREDENTIALS_INVALID) and about the same time for an unknown number and a wrong password. */
export const VerifyConsoleCredentials = defineCommand(
  'accounts.credentials.verify',
  1,
  z.strictObject({
    hostingNumber: hostingNumberSchema,
    password: givenPasswordSchema,
    /** The client certificate the login came with: its last use is recorded. */
    certificateSerial: z.string().regex(/^[0-9a-f]+$/).optional(),
    clientIp: z.string().max(64),
  }),
  z.object({ accountId: z.uuid(), uai: uaiSchema, hostingNumber: z.string() }),
);

export const SetSprPassword = defineCommand(
  'accounts.spr.set',
  1,
  z.strictObject({ accountId: z.uuid(), password: chosenPasswordSchema }),
  z.object({ changedAt: z.iso.datetime() }),
);

/** For `bases`: is this the school's SPR password? Never says why not. */
export const VerifySprPassword = defineCommand(
  'accounts.spr.verify',
  1,
  z.strictObject({ uai: uaiSchema, password: givenPasswordSchema }),
  z.object({ valid: z.boolean(), isSet: z.boolean() }),
);

/** For `bases`: is the school's SPR password defined yet (first putting in service asks for it)? */
export const GetSprPasswordStatus = defineCommand(
  'accounts.spr.status',
  1,
  z.strictObject({ uai: uaiSchema }),
  z.object({ isSet: z.boolean() }),
);

/**
 * For `bases`, at the first putting in service (Fiche 4): defines the SPR password once;
 * SPR_PASSWORD_ALREADY_SET when it exists (it is then changed from "Mon compte" only).
 */
export const DefineInitialSprPassword = defineCommand(
  'accounts.spr.define-initial',
  1,
  z.strictObject({ uai: uaiSchema, password: chosenPasswordSchema }),
  z.object({ changedAt: z.iso.datetime() }),
);

export const deliveryViewSchema = z.object({
  id: z.uuid(),
  channel: z.enum(['sms', 'email']),
  purpose: z.enum(['account_opened', 'credentials_resent']),
  recipient: z.string(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
});
export type DeliveryView = z.infer<typeof deliveryViewSchema>;

export const ListCredentialDeliveries = defineCommand(
  'accounts.credentials.deliveries',
  1,
  z.strictObject({ accountId: z.uuid() }),
  z.object({ items: z.array(deliveryViewSchema) }),
);

export const CredentialsSent = defineEvent(
  'hosting.credentials.sent',
  1,
  z.object({ accountId: z.uuid(), uai: uaiSchema, purpose: deliveryViewSchema.shape.purpose, channels: z.array(z.enum(['sms', 'email'])) }),
);
