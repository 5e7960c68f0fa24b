import type { CasValidationProtocol } from '@pronote/contracts';
import { randomUUID } from 'node:crypto';
import { withParameter } from '../delegations/cas-links.js';
import { type CasOutcome, parseSamlValidateResponse, parseServiceResponse } from './cas-response.js';
import { CasServerUnavailableError, CasTicketRejectedError } from './sso.errors.js';

export interface CasValidationRequest {
  validationUrl: string;
  protocol: CasValidationProtocol;
  ticket: string;
  /** The exact espace URL the ticket was issued for. */
  serviceUrl: string;
  timeoutMs: number;
}

/** Calls the CAS server and returns the user, or throws CAS_TICKET_REJECTED / CAS_SERVER_UNAVAILABLE. */
export async function validateCasTicket(request: CasValidationRequest): Promise<{ user: string; attributes: Record<string, string[]> }> {
  let outcome: CasOutcome;
  try {
    const response = request.protocol === 'saml11' ? await samlValidate(request) : await serviceValidate(request);
    if (!response.ok) throw new CasServerUnavailableError(`HTTP ${response.status}`);
    const body = await response.text();
    outcome = request.protocol === 'saml11' ? parseSamlValidateResponse(body) : parseServiceResponse(body);
  } catch (error) {
    if (error instanceof CasServerUnavailableError) throw error;
    throw new CasServerUnavailableError(error instanceof Error ? error.message : String(error));
  }
  if (!outcome.ok) {
    if (outcome.code === 'INVALID_RESPONSE') throw new CasServerUnavailableError(outcome.message);
    throw new CasTicketRejectedError(outcome.code, outcome.message);
  }
  return { user: outcome.user, attributes: outcome.attributes };
}

function serviceValidate(request: CasValidationRequest): Promise<Response> {
  const url = withParameter(withParameter(request.validationUrl, 'service', request.serviceUrl), 'ticket', request.ticket);
  return fetch(url, { signal: AbortSignal.timeout(request.timeoutMs), redirect: 'error' });
}

function samlValidate(request: CasValidationRequest): Promise<Response> {
  const body =
    '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>' +
    `<samlp:Request xmlns:samlp="urn:oasis:names:tc:SAML:1.0:protocol" MajorVersion="1" MinorVersion="1" RequestID="_${randomUUID()}" IssueInstant="${new Date().toISOString()}">` +
    `<samlp:AssertionArtifact>${escapeXml(request.ticket)}</samlp:AssertionArtifact></samlp:Request></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
  return fetch(withParameter(request.validationUrl, 'TARGET', request.serviceUrl), {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: 'http://www.oasis-open.org/committees/security' },
    body,
    signal: AbortSignal.timeout(request.timeoutMs),
    redirect: 'error',
  });
}

function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}
