import { Inject, Injectable } from '@nestjs/common';
import { PRISMA } from '@pronote/service-kit';
import type { PrismaClient } from '../generated/prisma/client.js';

export interface ServerCertificateRecord {
  serialNumber: string;
  fingerprintSha256: string;
  dnsNames: string[];
  ipAddresses: string[];
  notBefore: Date;
  notAfter: Date;
}

/** Server certificates issued to the gateway: what was issued and for which names, never the key. */
@Injectable()
export class ServerCertificatesRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async record(certificate: ServerCertificateRecord): Promise<void> {
    await this.prisma.serverCertificate.create({ data: certificate });
  }
}
