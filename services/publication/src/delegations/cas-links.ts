import type { CasValidationProtocol } from '@pronote/contracts';

export interface CasEndpoints {
  loginUrl: string;
  validationUrl: string;
  validationProtocol: CasValidationProtocol;
}

/** The parameter naming the espace URL at validation: SAML 1.1 calls it TARGET, CAS 2/3 `service`. */
export function validationParameter(protocol: CasValidationProtocol): 'TARGET' | 'service' {
  return protocol === 'saml11' ? 'TARGET' : 'service';
}

/** "Lien d'authentification": `<login URL>?service=<espace URL>`, the espace URL encoded whole. */
export function casLoginLink(endpoints: CasEndpoints, serviceUrl: string): string {
  return withParameter(endpoints.loginUrl, 'service', serviceUrl);
}

/** "Lien de validation": `<validation URL>?TARGET=<espace URL>` (or `service=`). */
export function casValidationLink(endpoints: CasEndpoints, serviceUrl: string): string {
  return withParameter(endpoints.validationUrl, validationParameter(endpoints.validationProtocol), serviceUrl);
}

/** encodeURIComponent encodes `:`, `/`, `?`, `&` of the espace URL, which CAS servers compare exactly. */
export function withParameter(url: string, name: string, value: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}`;
}

/** Manual definition without a validation URL: the same CAS root as the login URL. */
export function defaultValidationUrl(loginUrl: string, protocol: CasValidationProtocol): string {
  const root = loginUrl.replace(/\/login\/?$/, '');
  const path = { cas2: '/serviceValidate', cas3: '/p3/serviceValidate', saml11: '/samlValidate' }[protocol];
  return root + path;
}
