import {
  chosenPasswordSchema,
  deviceNameSchema,
  givenPasswordSchema,
  hostingNumberSchema,
  invoiceNumberSchema,
  revocationReasonSchema,
  uaiSchema,
} from '@pronote/contracts';
import { z } from 'zod';

/** Bodies of the console routes (the accounts commands validate again on their side). */
export const consoleLoginSchema = z.strictObject({ hostingNumber: hostingNumberSchema, password: givenPasswordSchema });
export const refreshSchema = z.strictObject({ refreshToken: z.string().min(10).max(200) });
export const certificateDownloadSchema = z.strictObject({
  hostingNumber: hostingNumberSchema,
  password: givenPasswordSchema,
  lastInvoiceNumber: invoiceNumberSchema,
  deviceName: deviceNameSchema,
  replacesCertificateId: z.uuid().optional(),
});
export const resendSchema = z.strictObject({ uai: uaiSchema });
export const changePasswordSchema = z.strictObject({ oldPassword: givenPasswordSchema, newPassword: chosenPasswordSchema });
export const sprPasswordSchema = z.strictObject({ password: chosenPasswordSchema });
export const revokeSchema = z.strictObject({ reason: revocationReasonSchema.default('unspecified') });
