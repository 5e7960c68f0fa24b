import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { type Bus, sendCommand } from '@pronote/bus';
import {
  ListAccountHistory,
  ListAccounts,
  ListClientCertificates,
  ListCredentialDeliveries,
  ListInvoices,
  RecordInvoice,
  ReopenAccount,
  RevokeClientCertificate,
  SetLicences,
  SuspendAccount,
  listAccountsRequestSchema,
  invoiceBodySchema,
  revocationReasonSchema,
} from '@pronote/contracts';
import { BUS, ZodPipe } from '@pronote/service-kit';
import { z } from 'zod';
import { OperatorGuard } from '../auth/operator.guard.js';
import { COMMAND_TIMEOUT } from '../http/tokens.js';

const accountIdParam = new ZodPipe(z.uuid({ message: 'the account id is a UUID' }));
const certificateIdParam = new ZodPipe(z.uuid({ message: 'the certificate id is a UUID' }));
const invoiceBody = new ZodPipe(invoiceBodySchema);
const suspendBody = new ZodPipe(z.strictObject({ reason: z.string().trim().min(3).max(500) }));
const licencesBody = new ZodPipe(z.strictObject({ licences: z.number().int().min(1).max(100) }));
const revokeBody = new ZodPipe(z.strictObject({ reason: revocationReasonSchema.default('unspecified') }));

/** Operator administration of hosting accounts: search, suspend/reopen, licences, invoices, certificates, deliveries. */
@Controller('api/v1/operator/accounts')
@UseGuards(OperatorGuard)
export class OperatorAccountAdminController {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(COMMAND_TIMEOUT) private readonly timeoutMs: number,
  ) {}

  @Get()
  async list(@Query(new ZodPipe(listAccountsRequestSchema)) query: z.infer<typeof listAccountsRequestSchema>) {
    return sendCommand(this.bus, ListAccounts, query, { timeoutMs: this.timeoutMs });
  }

  @Post(':accountId/suspend')
  @HttpCode(200)
  async suspend(@Param('accountId', accountIdParam) accountId: string, @Body(suspendBody) body: { reason: string }) {
    return sendCommand(this.bus, SuspendAccount, { accountId, reason: body.reason }, { timeoutMs: this.timeoutMs });
  }

  @Post(':accountId/reopen')
  @HttpCode(200)
  async reopen(@Param('accountId', accountIdParam) accountId: string) {
    return sendCommand(this.bus, ReopenAccount, { accountId }, { timeoutMs: this.timeoutMs });
  }

  @Put(':accountId/licences')
  async setLicences(@Param('accountId', accountIdParam) accountId: string, @Body(licencesBody) body: { licences: number }) {
    return sendCommand(this.bus, SetLicences, { accountId, licences: body.licences }, { timeoutMs: this.timeoutMs });
  }

  @Post(':accountId/invoices')
  @HttpCode(201)
  async recordInvoice(@Param('accountId', accountIdParam) accountId: string, @Body(invoiceBody) body: z.infer<typeof invoiceBodySchema>) {
    return sendCommand(this.bus, RecordInvoice, { accountId, ...body }, { timeoutMs: this.timeoutMs });
  }

  @Get(':accountId/invoices')
  async invoices(@Param('accountId', accountIdParam) accountId: string) {
    return sendCommand(this.bus, ListInvoices, { accountId }, { timeoutMs: this.timeoutMs });
  }

  @Get(':accountId/certificates')
  async certificates(@Param('accountId', accountIdParam) accountId: string) {
    return sendCommand(this.bus, ListClientCertificates, { accountId }, { timeoutMs: this.timeoutMs });
  }

  @Post(':accountId/certificates/:certificateId/revoke')
  @HttpCode(200)
  async revoke(
    @Param('accountId', accountIdParam) accountId: string,
    @Param('certificateId', certificateIdParam) certificateId: string,
    @Body(revokeBody) body: { reason: z.infer<typeof revocationReasonSchema> },
  ) {
    return sendCommand(this.bus, RevokeClientCertificate, { accountId, certificateId, reason: body.reason }, { timeoutMs: this.timeoutMs * 2 });
  }

  @Get(':accountId/history')
  async history(@Param('accountId', accountIdParam) accountId: string) {
    return sendCommand(this.bus, ListAccountHistory, { accountId, limit: 200 }, { timeoutMs: this.timeoutMs });
  }

  @Get(':accountId/deliveries')
  async deliveries(@Param('accountId', accountIdParam) accountId: string) {
    return sendCommand(this.bus, ListCredentialDeliveries, { accountId }, { timeoutMs: this.timeoutMs });
  }
}
