import { z } from 'zod';
import { MAX_BATCHED_READ_KEYS, defineCommand } from '../define.js';
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

/** Tenants by hosting account, many in one request (the gateway batches concurrent reads); accounts without a tenant are left out. */
export const GetTenantsOfAccounts = defineCommand(
  'bases.tenant.get_many_of_accounts',
  1,
  z.strictObject({ accountIds: z.array(z.uuid()).min(1).max(MAX_BATCHED_READ_KEYS) }),
  z.object({ items: z.array(tenantViewSchema) }),
);
