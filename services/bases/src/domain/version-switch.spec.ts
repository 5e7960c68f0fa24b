import { CalendarDateErrorCode } from './calendar-date.js';
import { VERSION_SWITCH_BOUNDARY, parseSchoolYear, schoolYearOfDate } from './school-year.js';
import {
  VersionSwitchErrorCode,
  assertPreVersionRequestAllowed,
  createVersionCatalogue,
  decideVersionSwitch,
  defaultRelease,
  findRelease,
  isPreVersionRequestOpen,
  isSwitchDue,
  versionInForce,
} from './version-switch.js';

const release2022 = defaultRelease(2022);
const year = (label: string) => parseSchoolYear(label);

describe('version catalogue', () => {
  it('defaults to the seed’s calendar: pre-version early July, switch around 20 August', () => {
    expect(release2022).toEqual({ version: 2022, preVersionOpensOn: '2022-07-01', switchOn: '2022-08-20', schoolYear: '2022-2023' });
  });

  it('sorts releases by version and finds them', () => {
    const catalogue = createVersionCatalogue([defaultRelease(2023), { ...release2022, switchOn: '2022-08-22' }, defaultRelease(2021)]);
    expect(catalogue.map((release) => release.version)).toEqual([2021, 2022, 2023]);
    expect(findRelease(catalogue, 2022).switchOn).toBe('2022-08-22');
    expect(() => findRelease(catalogue, 2030)).toThrow(expect.objectContaining({ code: VersionSwitchErrorCode.VERSION_UNKNOWN }));
  });

  it.each([
    ['version', [release2022, release2022]],
    ['schoolYear', [{ ...release2022, schoolYear: '2021-2022' }]],
    ['schoolYear', [{ ...release2022, schoolYear: '2022-2024' }]],
    ['switchOn', [{ ...release2022, switchOn: '2023-08-20' }]],
    ['switchOn', [{ ...release2022, switchOn: '2022-08-32' }]],
    ['preVersionOpensOn', [{ ...release2022, preVersionOpensOn: '2022-08-20' }]],
    ['version', [{ ...release2022, version: '2022' }]],
    ['release', [{ ...release2022, notes: 'extra' }]],
  ])('refuses a catalogue with a bad %s', (field, releases) => {
    expect(() => createVersionCatalogue(releases)).toThrow(
      expect.objectContaining({ code: VersionSwitchErrorCode.VERSION_CATALOGUE_INVALID, details: { field } }),
    );
  });

  it('knows which version is in force on a day', () => {
    const catalogue = createVersionCatalogue([defaultRelease(2021), release2022]);
    expect(versionInForce(catalogue, '2021-08-19')).toBeNull();
    expect(versionInForce(catalogue, '2022-08-19')?.version).toBe(2021);
    expect(versionInForce(catalogue, '2022-08-20')?.version).toBe(2022);
  });
});

describe('when the switch runs', () => {
  it('is due on the switch day and after, not the day before', () => {
    expect(isSwitchDue(release2022, '2022-08-19')).toBe(false);
    expect(isSwitchDue(release2022, '2022-08-20')).toBe(true);
    expect(isSwitchDue(release2022, '2022-09-01')).toBe(true);
  });

  it('agrees with the school year of the switch day', () => {
    expect(schoolYearOfDate(release2022.switchOn, VERSION_SWITCH_BOUNDARY).label).toBe(release2022.schoolYear);
  });

  it('refuses a day that is not a date', () => {
    expect(() => isSwitchDue(release2022, '20/08/2022')).toThrow(expect.objectContaining({ code: CalendarDateErrorCode.DATE_INVALID }));
  });
});

describe('what the switch does to a school (Fiche 3)', () => {
  it('creates and starts a new empty base when last year’s base is in service', () => {
    expect(decideVersionSwitch(release2022, { baseInService: year('2021-2022'), newYearBaseExists: false })).toEqual({
      kind: 'create-and-start-new',
      newBaseYear: '2022-2023',
      replacedYear: '2021-2022',
    });
  });

  it('does the same for an even older base in service', () => {
    expect(decideVersionSwitch(release2022, { baseInService: year('2019-2020'), newYearBaseExists: false })).toMatchObject({
      kind: 'create-and-start-new',
      replacedYear: '2019-2020',
    });
  });

  it('starts the school’s own new-year base instead of creating a second one (Fiche 4)', () => {
    expect(decideVersionSwitch(release2022, { baseInService: year('2021-2022'), newYearBaseExists: true })).toEqual({
      kind: 'start-existing-new',
      newBaseYear: '2022-2023',
      replacedYear: '2021-2022',
    });
  });

  it('keeps a base already on the new year', () => {
    expect(decideVersionSwitch(release2022, { baseInService: year('2022-2023'), newYearBaseExists: true })).toEqual({
      kind: 'keep',
      baseYear: '2022-2023',
    });
  });

  it('keeps a base of a later year rather than going back', () => {
    expect(decideVersionSwitch(release2022, { baseInService: year('2023-2024'), newYearBaseExists: false }).kind).toBe('keep');
  });

  it('creates but does not start a base when nothing is in service', () => {
    expect(decideVersionSwitch(release2022, { baseInService: null, newYearBaseExists: false })).toEqual({
      kind: 'nothing-in-service',
      newBaseYear: '2022-2023',
      createEmptyBase: true,
    });
    expect(decideVersionSwitch(release2022, { baseInService: null, newYearBaseExists: true })).toMatchObject({
      kind: 'nothing-in-service',
      createEmptyBase: false,
    });
  });
});

describe('early pre-version requests', () => {
  it.each([
    ['2022-06-30', false],
    ['2022-07-01', true],
    ['2022-08-19', true],
    ['2022-08-20', false],
    ['2022-08-21', false],
  ])('on %s: open = %s', (today, open) => {
    expect(isPreVersionRequestOpen(release2022, today)).toBe(open);
  });

  it('says whether the window is not open yet or already closed', () => {
    expect(() => assertPreVersionRequestAllowed(release2022, '2022-06-30')).toThrow(
      expect.objectContaining({ code: VersionSwitchErrorCode.PRE_VERSION_NOT_YET_OPEN }),
    );
    expect(() => assertPreVersionRequestAllowed(release2022, '2022-08-20')).toThrow(
      expect.objectContaining({ code: VersionSwitchErrorCode.PRE_VERSION_WINDOW_CLOSED }),
    );
    expect(() => assertPreVersionRequestAllowed(release2022, '2022-07-14')).not.toThrow();
  });
});
