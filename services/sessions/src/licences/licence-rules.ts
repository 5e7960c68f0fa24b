/** Seats "en modification" of one school at a moment. */
export interface LicenceState {
  /** N: the school's licences. */
  total: number;
  /** k: seats reserved for administrators. */
  reservedForAdministrators: number;
  /** Seats held, by anyone. */
  inUse: number;
  /** Seats held by administrators (they fill the reserve first). */
  heldByAdministrators: number;
}

export const DEFAULT_ADMIN_RESERVE = 1;

/** The part of the reserve administrators have not used yet: nobody else may take it. */
export function reserveStillOwed(state: LicenceState): number {
  return Math.max(0, state.reservedForAdministrators - state.heldByAdministrators);
}

export function freeSeats(state: LicenceState): number {
  return Math.max(0, state.total - state.inUse);
}

/**
 * Whether a user may take a seat now. Administrators may use any free seat, reserved ones included;
 * anyone else only the free seats beyond the reserve still owed to administrators.
 * The repository's conditional UPDATE states the same rule in SQL (kept in step by licences.test.ts).
 */
export function mayTakeSeat(state: LicenceState, administrator: boolean): boolean {
  return administrator ? freeSeats(state) > 0 : freeSeats(state) > reserveStillOwed(state);
}

export function isValidReserve(reserved: number, total: number): boolean {
  return Number.isInteger(reserved) && reserved >= 0 && reserved <= total;
}

/** The console line of Fiche 11. */
export function licencesLabel(state: LicenceState): string {
  return `Licences en modification : ${state.inUse}/${state.total}, réservées aux administrateurs : ${state.reservedForAdministrators}`;
}
