import type { DefineCasDelegationRequest, DelegationKind, EspaceDelegation, PublicationEspace } from '@pronote/contracts';
import { PUBLIC_ESPACES } from '../espaces/espace-catalogue.js';
import { type DelegationRecord, type SchoolRecord, isPublished } from '../school/school-record.js';
import { defaultValidationUrl } from './cas-links.js';
import {
  DelegationInUseError,
  DelegationKindMismatchError,
  DelegationNameUsedError,
  DelegationNotFoundError,
  DelegationPublishedError,
  DelegationUrlInvalidError,
  EntPresetNotFoundError,
  EspaceDelegationInactiveError,
  EspaceDelegationNotAllowedError,
} from './delegations.errors.js';
import { findEntPreset } from './ent-presets.js';

/** EduConnect identifies pupils and their legal guardians only. */
const EDUCONNECT_ESPACES: ReadonlySet<PublicationEspace> = new Set(['eleves', 'parents']);

/** Seed: "Arrêtez la publication de la base et définissez une délégation CAS." */
export function assertPublicationStopped(school: SchoolRecord): void {
  if (isPublished(school)) throw new DelegationPublishedError(school.uai);
}

export function findDelegation(school: SchoolRecord, id: string): DelegationRecord {
  const found = school.delegations.find((d) => d.id === id);
  if (!found) throw new DelegationNotFoundError(id);
  return found;
}

/** "Définir une délégation CAS": a new one (`newId`) or an existing one (`delegationId`). */
export function defineCas(school: SchoolRecord, request: DefineCasDelegationRequest, target: { delegationId?: string; newId: string }): SchoolRecord {
  assertPublicationStopped(school);
  const endpoints = casEndpoints(request);
  return saveNamed(school, 'cas', request.name, target, {
    presetId: 'presetId' in request ? request.presetId : null,
    ...endpoints,
    allowDirectLogin: request.allowDirectLogin,
    metadataUrl: null,
  });
}

export function defineWsFederation(school: SchoolRecord, request: { name: string; metadataUrl: string }, target: { delegationId?: string; newId: string }): SchoolRecord {
  assertPublicationStopped(school);
  return saveNamed(school, 'ws_federation', request.name, target, {
    presetId: null,
    loginUrl: null,
    validationUrl: null,
    validationProtocol: null,
    allowDirectLogin: false,
    metadataUrl: request.metadataUrl,
  });
}

/** The "Actif" checkbox. Deactivating what an espace still uses would silently open or close it. */
export function setActive(school: SchoolRecord, delegationId: string, active: boolean): SchoolRecord {
  assertPublicationStopped(school);
  const delegation = findDelegation(school, delegationId);
  if (!active) {
    const users = school.espaces.filter((e) => usesDelegation(e, delegation)).map((e) => e.espace);
    if (users.length > 0) throw new DelegationInUseError(delegation.name, users);
  }
  return { ...school, delegations: school.delegations.map((d) => (d.id === delegationId ? { ...d, active } : d)) };
}

export interface EspaceChoice {
  espace: PublicationEspace;
  delegation: EspaceDelegation;
  casDelegationId?: string | undefined;
}

/** "Choix de la délégation en fonction de l'espace": every choice checked before any applies. */
export function chooseEspaceDelegations(school: SchoolRecord, choices: readonly EspaceChoice[]): SchoolRecord {
  assertPublicationStopped(school);
  const resolved = new Map(choices.map((choice) => [choice.espace, resolveChoice(school, choice)]));
  return {
    ...school,
    espaces: school.espaces.map((e) => {
      const choice = resolved.get(e.espace);
      return choice ? { ...e, ...choice } : e;
    }),
  };
}

function resolveChoice(school: SchoolRecord, choice: EspaceChoice): { delegation: EspaceDelegation; casDelegationId: string | null } {
  const { espace, delegation } = choice;
  if (delegation === 'none') return { delegation, casDelegationId: null };
  if (PUBLIC_ESPACES.has(espace)) throw new EspaceDelegationNotAllowedError(espace, 'a public page is reached without authentication (Aucune)');
  if (delegation === 'educonnect') {
    if (!EDUCONNECT_ESPACES.has(espace)) throw new EspaceDelegationNotAllowedError(espace, 'EduConnect identifies pupils and parents only');
    requireActiveProtocol(school, espace, 'educonnect_protocol');
    return { delegation, casDelegationId: null };
  }
  if (delegation === 'ws_federation') {
    requireActiveProtocol(school, espace, 'ws_federation_protocol');
    if (!school.delegations.some((d) => d.kind === 'ws_federation' && d.active)) {
      throw new EspaceDelegationInactiveError(espace, 'no active WS-Federation delegation (ADFS)');
    }
    return { delegation, casDelegationId: null };
  }
  requireActiveProtocol(school, espace, 'cas_protocol');
  return { delegation, casDelegationId: chooseCasDelegation(school, espace, choice.casDelegationId).id };
}

function chooseCasDelegation(school: SchoolRecord, espace: string, casDelegationId: string | undefined): DelegationRecord {
  if (casDelegationId) {
    const chosen = findDelegation(school, casDelegationId);
    if (chosen.kind !== 'cas') throw new DelegationKindMismatchError(casDelegationId, 'CAS');
    if (!chosen.active) throw new EspaceDelegationInactiveError(espace, `the CAS delegation "${chosen.name}" is not active`);
    return chosen;
  }
  const active = school.delegations.filter((d) => d.kind === 'cas' && d.active);
  if (active.length === 0) throw new EspaceDelegationInactiveError(espace, 'no active CAS delegation: define one and tick "Actif"');
  if (active.length > 1) throw new EspaceDelegationNotAllowedError(espace, 'several CAS delegations are active: say which one (casDelegationId)');
  return active[0]!;
}

function requireActiveProtocol(school: SchoolRecord, espace: string, kind: DelegationKind): void {
  const protocol = school.delegations.find((d) => d.kind === kind);
  if (!protocol?.active) throw new EspaceDelegationInactiveError(espace, `"${protocol?.name ?? kind}" is not active`);
}

function usesDelegation(espace: { delegation: EspaceDelegation; casDelegationId: string | null }, delegation: DelegationRecord): boolean {
  switch (delegation.kind) {
    case 'cas':
      return espace.delegation === 'cas' && espace.casDelegationId === delegation.id;
    case 'cas_protocol':
      return espace.delegation === 'cas';
    case 'educonnect_protocol':
      return espace.delegation === 'educonnect';
    case 'ws_federation_protocol':
    case 'ws_federation':
      return espace.delegation === 'ws_federation';
  }
}

function casEndpoints(request: DefineCasDelegationRequest): Pick<DelegationRecord, 'loginUrl' | 'validationUrl' | 'validationProtocol'> {
  if ('presetId' in request) {
    const preset = findEntPreset(request.presetId);
    if (!preset) throw new EntPresetNotFoundError(request.presetId);
    return { loginUrl: preset.loginUrl, validationUrl: preset.validationUrl, validationProtocol: preset.validationProtocol };
  }
  // The service / TARGET parameter is ours to add: a URL that already carries a query is a paste error.
  for (const [field, url] of [['loginUrl', request.loginUrl], ['validationUrl', request.validationUrl]] as const) {
    if (url && new URL(url).search !== '') throw new DelegationUrlInvalidError(field, 'give the CAS URL without parameters (service= / TARGET= are added for each espace)');
  }
  return {
    loginUrl: request.loginUrl,
    validationUrl: request.validationUrl ?? defaultValidationUrl(request.loginUrl, request.validationProtocol),
    validationProtocol: request.validationProtocol,
  };
}

function saveNamed(
  school: SchoolRecord,
  kind: 'cas' | 'ws_federation',
  name: string,
  target: { delegationId?: string; newId: string },
  settings: Omit<DelegationRecord, 'id' | 'kind' | 'name' | 'active'>,
): SchoolRecord {
  const id = target.delegationId ?? target.newId;
  if (target.delegationId) {
    const existing = findDelegation(school, target.delegationId);
    if (existing.kind !== kind) throw new DelegationKindMismatchError(target.delegationId, kind === 'cas' ? 'CAS' : 'WS-Federation');
  }
  if (school.delegations.some((d) => d.id !== id && d.name.toLowerCase() === name.toLowerCase())) throw new DelegationNameUsedError(name);
  const previous = school.delegations.find((d) => d.id === id);
  const record: DelegationRecord = { id, kind, name, active: previous?.active ?? true, ...settings };
  return { ...school, delegations: previous ? school.delegations.map((d) => (d.id === id ? record : d)) : [...school.delegations, record] };
}
