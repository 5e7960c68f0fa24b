import { z } from 'zod';

/** French mobile numbers (06, 07), as typed or in E.164; normalised to +33XXXXXXXXX for the SMS sender. */
export const mobilePhoneSchema = z
  .string()
  .transform((value) => value.replace(/[\s.-]/g, ''))
  .pipe(z.string().regex(/^(?:\+33|0033|0)[67]\d{8}$/, 'a French mobile number is expected (06 or 07)'))
  .transform((value) => `+33${value.slice(-9)}`);

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email('a valid e-mail address is expected').max(254));

export const schoolNameSchema = z.string().trim().min(2).max(200);
