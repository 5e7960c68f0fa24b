import { XMLParser } from 'fast-xml-parser';

export type CasOutcome =
  | { ok: true; user: string; attributes: Record<string, string[]> }
  | { ok: false; code: string; message: string };

// Namespace prefixes dropped (cas:, saml1p:...), no entity expansion beyond XML's own, attributes kept.
const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, attributeNamePrefix: '@', processEntities: true, trimValues: true, parseTagValue: false });

const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const text = (value: unknown): string => (typeof value === 'object' && value !== null ? String((value as Record<string, unknown>)['#text'] ?? '') : String(value ?? ''));

/** CAS 2.0 / 3.0 `cas:serviceResponse` (serviceValidate, p3/serviceValidate). */
export function parseServiceResponse(xml: string): CasOutcome {
  const root = parser.parse(xml)?.serviceResponse;
  if (!root) return { ok: false, code: 'INVALID_RESPONSE', message: 'not a CAS serviceResponse' };
  if (root.authenticationFailure !== undefined) {
    const failure = root.authenticationFailure;
    return { ok: false, code: String(failure?.['@code'] ?? 'UNKNOWN'), message: text(failure).trim() };
  }
  const success = root.authenticationSuccess;
  const user = text(success?.user).trim();
  if (!user) return { ok: false, code: 'INVALID_RESPONSE', message: 'authenticationSuccess without a user' };
  const attributes: Record<string, string[]> = {};
  for (const [name, value] of Object.entries((success.attributes ?? {}) as Record<string, unknown>)) {
    attributes[name] = list(value).map(text);
  }
  return { ok: true, user, attributes };
}

/** SAML 1.1 answer of `samlValidate` (SOAP envelope, `Response/Status/StatusCode@Value`). */
export function parseSamlValidateResponse(xml: string): CasOutcome {
  const response = parser.parse(xml)?.Envelope?.Body?.Response;
  if (!response) return { ok: false, code: 'INVALID_RESPONSE', message: 'not a SAML 1.1 response' };
  const status = String(response.Status?.StatusCode?.['@Value'] ?? '');
  if (!/(^|:)Success$/.test(status)) return { ok: false, code: status.replace(/^.*:/, '') || 'UNKNOWN', message: text(response.Status?.StatusMessage).trim() };
  const assertion = response.Assertion;
  const user = text(assertion?.AuthenticationStatement?.Subject?.NameIdentifier).trim();
  if (!user) return { ok: false, code: 'INVALID_RESPONSE', message: 'SAML success without a NameIdentifier' };
  const attributes: Record<string, string[]> = {};
  for (const attribute of list(assertion?.AttributeStatement?.Attribute) as Record<string, unknown>[]) {
    attributes[String(attribute['@AttributeName'])] = list(attribute['AttributeValue']).map(text);
  }
  return { ok: true, user, attributes };
}
