import type { ObjectStore } from '@pronote/storage';
import type { RestorePointsRepository } from '../records/restore-points.repository.js';
import { findIntegrityProblem, reportCorrupt } from './integrity-check.js';

export interface VerificationReport {
  checked: number;
  corrupt: string[];
}

/** The scheduled integrity pass: every complete object re-read and re-hashed. */
export class VerificationService {
  constructor(
    private readonly points: RestorePointsRepository,
    private readonly store: ObjectStore,
    private readonly notify: () => void,
  ) {}

  async verifyAll(now: Date = new Date()): Promise<VerificationReport> {
    const report: VerificationReport = { checked: 0, corrupt: [] };
    let after: string | undefined;
    for (;;) {
      const page = await this.points.listByStatus(['complete'], 200, after);
      if (page.length === 0) break;
      for (const point of page) {
        report.checked += 1;
        const found = await findIntegrityProblem(this.store, point);
        if (found === null) await this.points.markVerified(point.id, now);
        else if (await reportCorrupt(this.points, point, found, now)) report.corrupt.push(point.id);
      }
      after = page[page.length - 1]!.id;
    }
    if (report.corrupt.length > 0) this.notify();
    return report;
  }
}
