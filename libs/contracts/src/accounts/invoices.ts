import { z } from 'zod';
import { defineCommand, defineEvent } from '../define.js';
import { uaiSchema } from '../shared/uai.js';

/** Invoice numbers are digits (seed: "Dernier n° facture hébergement"); spaces typed by people are dropped. */
export const invoiceNumberSchema = z
  .string()
  .transform((value) => value.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{1,20}$/, 'an invoice number is made of digits'));

const isoDate = z.iso.date();

const invoiceFields = {
  number: invoiceNumberSchema,
  issuedOn: isoDate,
  amountCents: z.number().int().min(0).max(100_000_000),
  periodStart: isoDate,
  periodEnd: isoDate,
};
const periodInOrder = (invoice: { periodStart: string; periodEnd: string }) => invoice.periodStart <= invoice.periodEnd;

/** What the operator types (the account comes from the path). */
export const invoiceBodySchema = z
  .strictObject(invoiceFields)
  .refine(periodInOrder, { message: 'the period ends before it starts', path: ['periodEnd'] });

export const recordInvoiceRequestSchema = z
  .strictObject({ accountId: z.uuid(), ...invoiceFields })
  .refine(periodInOrder, { message: 'the period ends before it starts', path: ['periodEnd'] });
export type RecordInvoiceRequest = z.infer<typeof recordInvoiceRequestSchema>;

export const invoiceViewSchema = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  number: z.string(),
  issuedOn: isoDate,
  amountCents: z.number().int(),
  periodStart: isoDate,
  periodEnd: isoDate,
  recordedAt: z.iso.datetime(),
});
export type InvoiceView = z.infer<typeof invoiceViewSchema>;

export const RecordInvoice = defineCommand('accounts.invoice.record', 1, recordInvoiceRequestSchema, invoiceViewSchema);
export const ListInvoices = defineCommand(
  'accounts.invoice.list',
  1,
  z.strictObject({ accountId: z.uuid() }),
  z.object({ items: z.array(invoiceViewSchema) }),
);

export const InvoiceRecorded = defineEvent(
  'hosting.invoice.recorded',
  1,
  z.object({ invoiceId: z.uuid(), accountId: z.uuid(), uai: uaiSchema, number: z.string(), issuedOn: isoDate }),
);
