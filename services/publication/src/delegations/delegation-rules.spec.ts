import { DelegationErrorCode, PublicationErrorCode } from '@pronote/contracts';
import { randomUUID } from 'node:crypto';
import { baseStarted, baseStopped, setEnabled, visibleChange } from '../school/publication-rules.js';
import { type SchoolRecord, newSchool, protocolId } from '../school/school-record.js';
import { delegationsPane } from '../school/views.js';
import { chooseEspaceDelegations, defineCas, setActive } from './delegation-rules.js';

const UAI = '0750654D';
const stopped = (): SchoolRecord => newSchool(UAI);
const published = (): SchoolRecord => baseStarted(newSchool(UAI), { baseId: randomUUID(), name: 'Base année 2022-2023' });
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};
const withAtrium = () => {
  const id = randomUUID();
  const school = defineCas(stopped(), { name: 'CAS', presetId: 'atrium-sud', allowDirectLogin: true }, { newId: id });
  return { id, school: setActive(school, protocolId(UAI, 'cas_protocol'), true) };
};

describe('publication rules', () => {
  it('publishes automatically when a base goes in service, and keeps a manager stop across restarts', () => {
    const school = published();
    expect(visibleChange(newSchool(UAI), school)).toBe(true);
    const stoppedByManager = setEnabled(school, false);
    const restarted = baseStarted(baseStopped(stoppedByManager, school.baseId!), { baseId: school.baseId!, name: 'Base année 2022-2023' });
    expect(restarted.enabled).toBe(false);
    expect(visibleChange(stoppedByManager, restarted)).toBe(false);
  });

  it('ignores the stop of another base than the published one', () => {
    const school = published();
    expect(baseStopped(school, randomUUID()).baseInService).toBe(true);
  });

  it('refuses "Publier la base" without a base in service', () => {
    expect(codeOf(() => setEnabled(stopped(), true))).toBe(PublicationErrorCode.PUBLICATION_NO_BASE_IN_SERVICE);
  });
});

describe('delegation rules', () => {
  it('refuses any delegation change while the base is published', () => {
    expect(codeOf(() => defineCas(published(), { name: 'CAS', presetId: 'atrium-sud', allowDirectLogin: false }, { newId: randomUUID() }))).toBe(
      DelegationErrorCode.DELEGATION_PUBLISHED_CONFLICT,
    );
    expect(codeOf(() => setActive(published(), protocolId(UAI, 'cas_protocol'), true))).toBe(DelegationErrorCode.DELEGATION_PUBLISHED_CONFLICT);
  });

  it('defines a CAS delegation from the Atrium preset with the seed\'s links, encoded correctly', () => {
    const { id, school } = withAtrium();
    const cas = delegationsPane(school, 'index-education.net').delegations.find((d) => d.id === id)!.cas!;
    expect(cas.links).toEqual({
      authentication: 'https://www.atrium-sud.fr/connexion/login?service=https%3A%2F%2F0750654D.index-education.net%2Fpronote%2F',
      validation: 'https://www.atrium-sud.fr/connexion/samlValidate?TARGET=https%3A%2F%2F0750654D.index-education.net%2Fpronote%2F',
      entSocle: 'https://0750654D.index-education.net/pronote/',
      directLogin: 'https://0750654D.index-education.net/pronote/?login=true',
    });
  });

  it('refuses an unknown preset, a taken name, and a manual URL that carries its own parameters', () => {
    const { school } = withAtrium();
    expect(codeOf(() => defineCas(school, { name: 'X', presetId: 'nope', allowDirectLogin: false }, { newId: randomUUID() }))).toBe(DelegationErrorCode.ENT_PRESET_NOT_FOUND);
    expect(codeOf(() => defineCas(school, { name: 'cas', presetId: 'atrium-sud', allowDirectLogin: false }, { newId: randomUUID() }))).toBe(
      DelegationErrorCode.DELEGATION_NAME_ALREADY_USED,
    );
    const manual = { name: 'Manuel', loginUrl: 'https://cas.example.fr/login?service=x', validationProtocol: 'cas2' as const, allowDirectLogin: false };
    expect(codeOf(() => defineCas(school, manual, { newId: randomUUID() }))).toBe(DelegationErrorCode.DELEGATION_URL_INVALID);
  });

  it('lets user espaces choose an active CAS delegation, never the page commune', () => {
    const { id, school } = withAtrium();
    const chosen = chooseEspaceDelegations(school, [
      { espace: 'professeurs', delegation: 'cas' },
      { espace: 'eleves', delegation: 'cas' },
    ]);
    expect(chosen.espaces.find((e) => e.espace === 'professeurs')).toMatchObject({ delegation: 'cas', casDelegationId: id });
    expect(codeOf(() => chooseEspaceDelegations(school, [{ espace: 'page_commune', delegation: 'cas' }]))).toBe(DelegationErrorCode.ESPACE_DELEGATION_NOT_ALLOWED);
  });

  it('checks every choice before applying any: an inactive protocol refuses the whole request', () => {
    const { school } = withAtrium();
    expect(codeOf(() => chooseEspaceDelegations(school, [{ espace: 'professeurs', delegation: 'cas' }, { espace: 'parents', delegation: 'educonnect' }]))).toBe(
      DelegationErrorCode.ESPACE_DELEGATION_INACTIVE,
    );
    const withEduConnect = setActive(school, protocolId(UAI, 'educonnect_protocol'), true);
    expect(codeOf(() => chooseEspaceDelegations(withEduConnect, [{ espace: 'professeurs', delegation: 'educonnect' }]))).toBe(
      DelegationErrorCode.ESPACE_DELEGATION_NOT_ALLOWED,
    );
    expect(codeOf(() => chooseEspaceDelegations(school, [{ espace: 'direction', delegation: 'ws_federation' }]))).toBe(DelegationErrorCode.ESPACE_DELEGATION_INACTIVE);
  });

  it('refuses to deactivate a delegation an espace still uses', () => {
    const { id, school } = withAtrium();
    const chosen = chooseEspaceDelegations(school, [{ espace: 'direction', delegation: 'cas' }]);
    expect(codeOf(() => setActive(chosen, id, false))).toBe(DelegationErrorCode.DELEGATION_IN_USE_CONFLICT);
  });
});
