import { z } from 'zod';
import { defineCommand } from '../define.js';
import { emailSchema } from '../shared/contact.js';
import { givenPasswordSchema } from './credentials.js';

export const operatorLoginSchema = z.strictObject({ email: emailSchema, password: givenPasswordSchema });

/** Operator login check: CREDENTIALS_INVALID for an unknown e-mail, a wrong password or a disabled operator alike. */
export const VerifyOperatorCredentials = defineCommand(
  'accounts.operator.verify',
  1,
  operatorLoginSchema,
  z.object({ operatorId: z.uuid(), email: z.string() }),
);
