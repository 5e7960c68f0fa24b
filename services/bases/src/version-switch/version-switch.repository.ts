import { Inject, Injectable } from '@nestjs/common';
import { PRISMA } from '@pronote/service-kit';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { VersionRelease } from '../domain/version-switch.js';

export interface SchoolResult {
  uai: string;
  status: 'done' | 'failed';
  decision: string | null;
  baseId: string | null;
  error: string | null;
  at: Date;
}

/** Catalogue, pre-version requests and switch campaigns: the only Prisma caller of the feature. */
@Injectable()
export class VersionSwitchRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async catalogue(): Promise<VersionRelease[]> {
    return this.prisma.versionRelease.findMany({ orderBy: { version: 'asc' } });
  }

  async putRelease(release: VersionRelease): Promise<void> {
    await this.prisma.versionRelease.upsert({ where: { version: release.version }, create: release, update: release });
  }

  async recordPreVersionRequest(uai: string, version: number, actor: string): Promise<Date> {
    const row = await this.prisma.preVersionRequest.upsert({ where: { uai_version: { uai, version } }, create: { uai, version, actor }, update: {} });
    return row.requestedAt;
  }

  async schools(): Promise<string[]> {
    return (await this.prisma.tenant.findMany({ select: { uai: true }, orderBy: { uai: 'asc' } })).map((t) => t.uai);
  }

  async openCampaign(version: number, schools: number) {
    return this.prisma.switchCampaign.upsert({ where: { version }, create: { version, schools }, update: { schools } });
  }

  async findCampaign(version: number) {
    return this.prisma.switchCampaign.findUnique({ where: { version } });
  }

  async finishCampaign(version: number): Promise<void> {
    await this.prisma.switchCampaign.update({ where: { version }, data: { finishedAt: new Date() } });
  }

  async results(version: number): Promise<SchoolResult[]> {
    const rows = await this.prisma.switchResult.findMany({ where: { version }, orderBy: { uai: 'asc' } });
    return rows.map((row) => ({ ...row, status: row.status as SchoolResult['status'] }));
  }

  async recordResult(version: number, result: Omit<SchoolResult, 'at'>): Promise<void> {
    await this.prisma.switchResult.upsert({
      where: { version_uai: { version, uai: result.uai } },
      create: { version, ...result },
      update: { ...result, at: new Date() },
    });
  }
}
