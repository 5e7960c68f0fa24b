import { z } from 'zod';
import { defineCommand } from '../define.js';
import { uaiSchema } from '../shared/uai.js';

export const TenantErrorCode = { TENANT_NOT_FOUND: 'TENANT_NOT_FOUND' } as const;

/** A school as the bases service knows it: recorded once its hosting account exists. */
export const tenantViewSchema = z.object({
  uai: uaiSchema,
  accountId: z.uuid(),
  schoolName: z.string(),
  status: z.enum(['ready']),
  recordedAt: z.iso.datetime(),
});
export type TenantView = z.infer<typeof tenantViewSchema>;

export const GetTenant = defineCommand('bases.tenant.get', 1, z.strictObject({ uai: uaiSchema }), tenantViewSchema);

/** The same, by hosting account: lets the gateway read account and tenant in parallel. */
export const GetTenantOfAccount = defineCommand(
  'bases.tenant.get_of_account',
  1,
  z.strictObject({ accountId: z.uuid() }),
  tenantViewSchema,
);
