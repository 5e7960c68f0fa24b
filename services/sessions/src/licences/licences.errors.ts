import { DomainError, SessionsErrorCode } from '@pronote/contracts';
import type { LicenceState } from './licence-rules.js';

export class LicencesExhaustedError extends DomainError {
  constructor(uai: string, state: LicenceState, administrator: boolean) {
    const why = administrator ? 'every licence en modification is in use' : 'the free licences en modification are reserved for administrators';
    super(SessionsErrorCode.LICENCES_EXHAUSTED, `${uai}: ${why}`, { uai, ...state });
  }
}

export class LicenceReserveInvalidError extends DomainError {
  constructor(uai: string, reserved: number, total: number) {
    super(SessionsErrorCode.LICENCE_RESERVE_INVALID, `${uai}: between 0 and ${total} licences can be reserved for administrators, not ${reserved}`, { uai, reserved, total });
  }
}
