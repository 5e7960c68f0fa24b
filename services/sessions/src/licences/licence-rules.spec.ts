import { type LicenceState, freeSeats, isValidReserve, licencesLabel, mayTakeSeat, reserveStillOwed } from './licence-rules.js';

const school = (inUse: number, heldByAdministrators = 0, total = 4, reservedForAdministrators = 1): LicenceState => ({
  total,
  reservedForAdministrators,
  inUse,
  heldByAdministrators,
});

describe('licence arithmetic (seats "en modification", Fiche 11)', () => {
  it('lets non-administrators take seats only beyond the reserve still owed to administrators', () => {
    expect(mayTakeSeat(school(0), false)).toBe(true);
    expect(mayTakeSeat(school(2), false)).toBe(true);
    expect(mayTakeSeat(school(3), false)).toBe(false); // the last seat is the administrators'
  });

  it('lets an administrator take the reserved seat, and any free one', () => {
    expect(mayTakeSeat(school(3), true)).toBe(true);
    expect(mayTakeSeat(school(0), true)).toBe(true);
    expect(mayTakeSeat(school(4, 1), true)).toBe(false);
  });

  it('counts an administrator already connected against the reserve, freeing the last seat for others', () => {
    const oneAdminIn = school(1, 1);
    expect(reserveStillOwed(oneAdminIn)).toBe(0);
    expect(mayTakeSeat(school(3, 1), false)).toBe(true);
    expect(mayTakeSeat(school(4, 1), false)).toBe(false);
  });

  it('with no reserve, anyone takes any free seat; with the whole pool reserved, only administrators', () => {
    expect(mayTakeSeat(school(3, 0, 4, 0), false)).toBe(true);
    expect(mayTakeSeat(school(0, 0, 4, 4), false)).toBe(false);
    expect(mayTakeSeat(school(3, 3, 4, 4), true)).toBe(true);
  });

  it('never counts negative free seats when licences were lowered below the seats in use', () => {
    const shrunk = school(5, 0, 3, 1);
    expect(freeSeats(shrunk)).toBe(0);
    expect(mayTakeSeat(shrunk, true)).toBe(false);
  });

  it('accepts a reserve between 0 and N only', () => {
    expect(isValidReserve(0, 4)).toBe(true);
    expect(isValidReserve(4, 4)).toBe(true);
    expect(isValidReserve(5, 4)).toBe(false);
    expect(isValidReserve(-1, 4)).toBe(false);
  });

  it('writes the console line', () => {
    expect(licencesLabel(school(0))).toBe('Licences en modification : 0/4, réservées aux administrateurs : 1');
  });
});
