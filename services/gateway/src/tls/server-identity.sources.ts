import { type Bus, sendCommand } from '@pronote/bus';
import { IssueServerCertificate } from '@pronote/contracts';
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { describeLeaf, type ServerIdentity } from './server-identity.js';

/** The operator's own certificate (TLS_CERT_FILE: leaf then chain) and key. */
export async function readIdentityFiles(certFile: string, keyFile: string): Promise<ServerIdentity> {
  const [certificateChainPem, privateKeyPem] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
  return { certificateChainPem, privateKeyPem, ...describeLeaf(certificateChainPem), source: 'files' };
}

export interface EnrolmentOptions {
  enrolmentToken: string;
  /** DNS names and IP addresses mixed, as configured (TLS_SERVER_NAMES). */
  serverNames: readonly string[];
  timeoutMs: number;
}

/** A certificate from our issuing CA, served with the issuing CA so clients need only our root. */
export async function enrolWithAccounts(bus: Bus, options: EnrolmentOptions): Promise<ServerIdentity> {
  const issued = await sendCommand(
    bus,
    IssueServerCertificate,
    {
      enrolmentToken: options.enrolmentToken,
      dnsNames: options.serverNames.filter((name) => isIP(name) === 0),
      ipAddresses: options.serverNames.filter((name) => isIP(name) !== 0),
    },
    { timeoutMs: options.timeoutMs },
  );
  const [issuingCaPem] = issued.chainPem;
  return {
    certificateChainPem: `${issued.certificatePem.trimEnd()}\n${issuingCaPem!.trimEnd()}\n`,
    privateKeyPem: issued.privateKeyPem,
    serialNumber: issued.serialNumber,
    notBefore: new Date(issued.notBefore),
    notAfter: new Date(issued.notAfter),
    source: 'enrolment',
  };
}
