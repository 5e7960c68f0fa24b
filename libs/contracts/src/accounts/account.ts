import { z } from 'zod';
import { defineCommand, defineEvent } from '../define.js';
import { emailSchema, mobilePhoneSchema, schoolNameSchema } from '../shared/contact.js';
import { uaiSchema } from '../shared/uai.js';

export const AccountErrorCode = {
  UAI_ALREADY_HOSTED: 'UAI_ALREADY_HOSTED',
  ACCOUNT_NOT_FOUND: 'ACCOUNT_NOT_FOUND',
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
