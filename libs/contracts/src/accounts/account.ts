import { z } from 'zod';
import { MAX_BATCHED_READ_KEYS, defineCommand, defineEvent } from '../define.js';
import { emailSchema, mobilePhoneSchema, schoolNameSchema } from '../shared/contact.js';
import { uaiSchema } from '../shared/uai.js';

export const AccountErrorCode = {
  UAI_ALREADY_HOSTED: 'UAI_ALREADY_HOSTED',
  ACCOUNT_NOT_FOUND: 'ACCOUNT_NOT_FOUND',
  ACCOUNT_SUSPENDED: 'ACCOUNT_SUSPENDED',
  ACCOUNT_ALREADY_ACTIVE: 'ACCOUNT_ALREADY_ACTIVE',
  ACCOUNT_ALREADY_SUSPENDED: 'ACCOUNT_ALREADY_SUSPENDED',
  INVOICE_ALREADY_RECORDED: 'INVOICE_ALREADY_RECORDED',
  INVOICE_NOT_LAST: 'INVOICE_NOT_LAST',
  CREDENTIALS_INVALID: 'CREDENTIALS_INVALID',
  CREDENTIALS_RESEND_TOO_OFTEN: 'CREDENTIALS_RESEND_TOO_OFTEN',
  PASSWORD_TOO_WEAK: 'PASSWORD_TOO_WEAK',
  CERTIFICATE_NOT_FOUND: 'CERTIFICATE_NOT_FOUND',
  CERTIFICATE_ALREADY_REVOKED: 'CERTIFICATE_ALREADY_REVOKED',
  SPR_PASSWORD_NOT_SET: 'SPR_PASSWORD_NOT_SET',
  SPR_PASSWORD_ALREADY_SET: 'SPR_PASSWORD_ALREADY_SET',
} as const;

export const accountStatusSchema = z.enum(['active', 'suspended']);

export const accountViewSchema = z.object({
  id: z.uuid(),
  uai: uaiSchema,
  schoolName: z.string(),
  hostingNumber: z.string().regex(/^\d{12}$/),
  contactEmail: z.string(),
  contactPhone: z.string(),
  licences: z.number().int(),
  status: accountStatusSchema,
  createdAt: z.iso.datetime(),
});
export type AccountView = z.infer<typeof accountViewSchema>;

export const createAccountRequestSchema = z.strictObject({
  uai: uaiSchema,
  schoolName: schoolNameSchema,
  contactEmail: emailSchema,
  contactPhone: mobilePhoneSchema,
  licences: z.number().int().min(1).max(100),
});
export type CreateAccountRequest = z.infer<typeof createAccountRequestSchema>;

/** Operator: open a hosting account for a school. */
export const accountIdSchema = z.strictObject({ accountId: z.uuid() });

/** Operator search: free text over UAI, school name, hosting number and contact e-mail. */
export const listAccountsRequestSchema = z.strictObject({
  query: z.string().trim().max(100).optional(),
  status: accountStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListAccountsRequest = z.infer<typeof listAccountsRequestSchema>;

export const accountPageSchema = z.object({ items: z.array(accountViewSchema), total: z.number().int() });

export const ListAccounts = defineCommand('accounts.account.list', 1, listAccountsRequestSchema, accountPageSchema);

export const suspendAccountRequestSchema = z.strictObject({ accountId: z.uuid(), reason: z.string().trim().min(3).max(500) });
export const SuspendAccount = defineCommand('accounts.account.suspend', 1, suspendAccountRequestSchema, accountViewSchema);
export const ReopenAccount = defineCommand('accounts.account.reopen', 1, accountIdSchema, accountViewSchema);

export const setLicencesRequestSchema = z.strictObject({ accountId: z.uuid(), licences: z.number().int().min(1).max(100) });
export const SetLicences = defineCommand('accounts.account.set-licences', 1, setLicencesRequestSchema, accountViewSchema);

export const AccountStatusChanged = defineEvent(
  'hosting.account.status_changed',
  1,
  z.object({ accountId: z.uuid(), uai: uaiSchema, status: accountStatusSchema, reason: z.string().nullable() }),
);

export const AccountLicencesChanged = defineEvent(
  'hosting.account.licences_changed',
  1,
  z.object({ accountId: z.uuid(), uai: uaiSchema, licences: z.number().int() }),
);

export const CreateAccount = defineCommand(
  'accounts.account.create',
  1,
  createAccountRequestSchema,
  accountViewSchema,
);

export const GetAccount = defineCommand(
  'accounts.account.get',
  1,
  z.strictObject({ accountId: z.uuid() }),
  accountViewSchema,
);

/** The same for many accounts in one request (the gateway batches concurrent reads); unknown ids are left out. */
export const GetAccounts = defineCommand(
  'accounts.account.get_many',
  1,
  z.strictObject({ accountIds: z.array(z.uuid()).min(1).max(MAX_BATCHED_READ_KEYS) }),
  z.object({ items: z.array(accountViewSchema) }),
);

export const GetAccountByUai = defineCommand('accounts.account.get-by-uai', 1, z.strictObject({ uai: uaiSchema }), accountViewSchema);

export const AccountCreated = defineEvent(
  'hosting.account.created',
  1,
  z.object({
    accountId: z.uuid(),
    uai: uaiSchema,
    schoolName: z.string(),
    licences: z.number().int(),
    createdAt: z.iso.datetime(),
  }),
);

export const historyLineViewSchema = z.object({
  id: z.uuid(),
  action: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  at: z.iso.datetime(),
});

/** Operator: what happened to an account (opening, invoices, credentials, certificates...), latest first. */
export const ListAccountHistory = defineCommand(
  'accounts.account.history',
  1,
  z.strictObject({ accountId: z.uuid(), limit: z.number().int().min(1).max(500).default(100) }),
  z.object({ items: z.array(historyLineViewSchema) }),
);
