import { Injectable } from '@nestjs/common';
import type { LicencesView } from '@pronote/contracts';
import type { School } from '../schools/school.js';
import { SchoolNotFoundError } from '../schools/schools.errors.js';
import { SchoolsRepository } from '../schools/schools.repository.js';
import { type LicenceState, isValidReserve, licencesLabel } from './licence-rules.js';
import { LicenceReserveInvalidError, LicencesExhaustedError } from './licences.errors.js';
import { LicencesRepository } from './licences.repository.js';

/** Licences "en modification": the runtime acquires and releases seats; the console reads and sets the reserve. */
@Injectable()
export class LicencesService {
  constructor(
    private readonly schools: SchoolsRepository,
    private readonly seats: LicencesRepository,
  ) {}

  async view(uai: string): Promise<LicencesView> {
    return toView(await this.school(uai));
  }

  async acquire(uai: string, holderId: string, administrator: boolean, userName: string): Promise<{ granted: true; holderId: string; licences: LicencesView }> {
    const outcome = await this.seats.acquire(uai, holderId, administrator, userName);
    const school = await this.school(uai);
    if (outcome === 'refused') throw new LicencesExhaustedError(uai, stateOf(school), administrator);
    return { granted: true, holderId, licences: toView(school) };
  }

  async release(uai: string, holderId: string): Promise<{ released: boolean; licences: LicencesView }> {
    const released = await this.seats.release(uai, holderId);
    return { released, licences: await this.view(uai) };
  }

  async setAdminReserve(uai: string, reserved: number): Promise<LicencesView> {
    const school = await this.school(uai);
    if (!isValidReserve(reserved, school.licences) || !(await this.seats.setAdminReserve(uai, reserved))) {
      throw new LicenceReserveInvalidError(uai, reserved, school.licences);
    }
    return this.view(uai);
  }

  private async school(uai: string): Promise<School> {
    const school = await this.schools.findByUai(uai);
    if (!school) throw new SchoolNotFoundError(uai);
    return school;
  }
}

export function stateOf(school: School): LicenceState {
  return { total: school.licences, reservedForAdministrators: school.adminReserve, inUse: school.seatsInUse, heldByAdministrators: school.adminSeatsInUse };
}

export function toView(school: School): LicencesView {
  const state = stateOf(school);
  return {
    uai: school.uai,
    inModification: state.inUse,
    total: state.total,
    reservedForAdministrators: state.reservedForAdministrators,
    heldByAdministrators: state.heldByAdministrators,
    label: licencesLabel(state),
  };
}
