import type { CasValidationProtocol, DelegationKind, EspaceDelegation, PublicationEspace } from '@pronote/contracts';
import { createHash } from 'node:crypto';
import { ESPACES } from '../espaces/espace-catalogue.js';

export interface EspaceRecord {
  espace: PublicationEspace;
  published: boolean;
  delegation: EspaceDelegation;
  casDelegationId: string | null;
}

export interface DelegationRecord {
  id: string;
  kind: DelegationKind;
  name: string;
  active: boolean;
  presetId: string | null;
  loginUrl: string | null;
  validationUrl: string | null;
  validationProtocol: CasValidationProtocol | null;
  allowDirectLogin: boolean;
  metadataUrl: string | null;
}

/** Everything the publication pane of one school holds: changed as a whole, saved as a whole. */
export interface SchoolRecord {
  uai: string;
  enabled: boolean;
  baseInService: boolean;
  baseId: string | null;
  baseName: string | null;
  updatedAt: Date | null;
  espaces: EspaceRecord[];
  delegations: DelegationRecord[];
}

export const PROTOCOLS: readonly { kind: DelegationKind; name: string }[] = [
  { kind: 'cas_protocol', name: 'Protocole Cas' },
  { kind: 'educonnect_protocol', name: 'Protocole EduConnect' },
  { kind: 'ws_federation_protocol', name: 'Protocole Ws-Federation' },
];

/**
 * The protocols' ids derive from the school and the protocol, so that a school read before it
 * was ever saved shows the ids its first change will use.
 */
export function protocolId(uai: string, kind: DelegationKind): string {
  const hex = createHash('sha256').update(`publication-protocol:${uai}:${kind}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A school nothing happened to yet: automatic publication on, default espaces, protocols inactive. */
export function newSchool(uai: string): SchoolRecord {
  return {
    uai,
    enabled: true,
    baseInService: false,
    baseId: null,
    baseName: null,
    updatedAt: null,
    espaces: ESPACES.map((d) => ({ espace: d.espace, published: d.publishedByDefault, delegation: 'none', casDelegationId: null })),
    delegations: PROTOCOLS.map(({ kind, name }) => ({
      id: protocolId(uai, kind),
      kind,
      name,
      active: false,
      presetId: null,
      loginUrl: null,
      validationUrl: null,
      validationProtocol: null,
      allowDirectLogin: false,
      metadataUrl: null,
    })),
  };
}

export function isPublished(school: SchoolRecord): boolean {
  return school.enabled && school.baseInService;
}
