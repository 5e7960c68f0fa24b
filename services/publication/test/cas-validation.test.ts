import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateCasTicket } from '../src/sso/cas-validation.js';

/**
 * A tiny CAS server on 127.0.0.1 that behaves as CAS servers must (RELIABILITY.md): a ticket
 * validates once, success or not, and only for the service it was issued for.
 */
function startTinyCas(): Promise<{ url: string; issue(service: string, user: string): string; server: Server }> {
  const tickets = new Map<string, { service: string; user: string }>();
  let next = 0;
  const failure = (code: string) => `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationFailure code="${code}">refused</cas:authenticationFailure></cas:serviceResponse>`;
  const take = (ticket: string, service: string): { user: string } | string => {
    const issued = tickets.get(ticket);
    tickets.delete(ticket); // once, success or not
    if (!issued) return 'INVALID_TICKET';
    if (issued.service !== service) return 'INVALID_SERVICE';
    return issued;
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://127.0.0.1');
    if (url.pathname === '/cas/serviceValidate') {
      const result = take(url.searchParams.get('ticket') ?? '', url.searchParams.get('service') ?? '');
      res.end(
        typeof result === 'string'
          ? failure(result)
          : `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess><cas:user>${result.user}</cas:user>` +
              '<cas:attributes><cas:profil>National_ENS</cas:profil><cas:classe>3A</cas:classe><cas:classe>3B</cas:classe></cas:attributes></cas:authenticationSuccess></cas:serviceResponse>',
      );
      return;
    }
    if (url.pathname === '/cas/samlValidate' && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const ticket = /<samlp:AssertionArtifact>([^<]*)</.exec(body)?.[1] ?? '';
        const result = take(ticket, url.searchParams.get('TARGET') ?? '');
        const status = typeof result === 'string' ? 'samlp:RequestDenied' : 'samlp:Success';
        const assertion =
          typeof result === 'string'
            ? ''
            : '<saml1:Assertion xmlns:saml1="urn:oasis:names:tc:SAML:1.0:assertion"><saml1:AuthenticationStatement><saml1:Subject>' +
              `<saml1:NameIdentifier>${result.user}</saml1:NameIdentifier></saml1:Subject></saml1:AuthenticationStatement>` +
              '<saml1:AttributeStatement><saml1:Attribute AttributeName="ENTPersonProfils"><saml1:AttributeValue>National_ELV</saml1:AttributeValue></saml1:Attribute></saml1:AttributeStatement></saml1:Assertion>';
        res.end(
          '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>' +
            `<saml1p:Response xmlns:saml1p="urn:oasis:names:tc:SAML:1.0:protocol"><saml1p:Status><saml1p:StatusCode Value="${status}"/></saml1p:Status>${assertion}</saml1p:Response>` +
            '</SOAP-ENV:Body></SOAP-ENV:Envelope>',
        );
      });
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/cas`,
        server,
        issue(service, user) {
          const ticket = `ST-${++next}-tiny`;
          tickets.set(ticket, { service, user });
          return ticket;
        },
      });
    }),
  );
}

/** None of these tests is about the timeout: room for a loaded host, the tiny CAS being in this process. */
const CAS_TIMEOUT_MS = 10_000;

describe('CAS service ticket validation against a local CAS server', () => {
  let cas: Awaited<ReturnType<typeof startTinyCas>>;
  const professeurs = 'https://0750654D.index-education.net/pronote/professeur.html';
  const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: { code?: string; details?: { casCode?: string } }) => `${error.code}/${error.details?.casCode ?? ''}`);

  beforeAll(async () => {
    cas = await startTinyCas();
  });
  afterAll(() => new Promise<void>((resolve) => cas.server.close(() => resolve())));

  it('validates a CAS 2.0 ticket once, for its service URL, with the attributes', async () => {
    const ticket = cas.issue(professeurs, 'anne.martin');
    const request = { validationUrl: `${cas.url}/serviceValidate`, protocol: 'cas2' as const, ticket, serviceUrl: professeurs, timeoutMs: CAS_TIMEOUT_MS };
    expect(await validateCasTicket(request)).toEqual({ user: 'anne.martin', attributes: { profil: ['National_ENS'], classe: ['3A', '3B'] } });
    expect(await codeOf(validateCasTicket(request))).toBe('CAS_TICKET_REJECTED/INVALID_TICKET');
  });

  it('refuses a ticket presented for another espace than the one it was issued for', async () => {
    const ticket = cas.issue(professeurs, 'anne.martin');
    const other = 'https://0750654D.index-education.net/pronote/direction.html';
    expect(await codeOf(validateCasTicket({ validationUrl: `${cas.url}/serviceValidate`, protocol: 'cas2', ticket, serviceUrl: other, timeoutMs: CAS_TIMEOUT_MS }))).toBe(
      'CAS_TICKET_REJECTED/INVALID_SERVICE',
    );
  });

  it('validates through samlValidate with TARGET (the Atrium preset), once', async () => {
    const eleves = 'https://0750654D.index-education.net/pronote/eleve.html';
    const ticket = cas.issue(eleves, 'leo.dupont');
    const request = { validationUrl: `${cas.url}/samlValidate`, protocol: 'saml11' as const, ticket, serviceUrl: eleves, timeoutMs: CAS_TIMEOUT_MS };
    expect(await validateCasTicket(request)).toEqual({ user: 'leo.dupont', attributes: { ENTPersonProfils: ['National_ELV'] } });
    expect(await codeOf(validateCasTicket(request))).toBe('CAS_TICKET_REJECTED/RequestDenied');
  });

  it('reports an unreachable or non-CAS server as unavailable, not as a refused ticket', async () => {
    expect(await codeOf(validateCasTicket({ validationUrl: `${cas.url}/nothing`, protocol: 'cas2', ticket: 'ST-x', serviceUrl: professeurs, timeoutMs: CAS_TIMEOUT_MS }))).toBe('CAS_SERVER_UNAVAILABLE/');
  });
});
