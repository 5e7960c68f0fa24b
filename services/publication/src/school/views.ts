import type { DelegationView, DelegationsPane, PublicationView } from '@pronote/contracts';
import { casLoginLink, casValidationLink } from '../delegations/cas-links.js';
import { ESPACES, espaceDefinition } from '../espaces/espace-catalogue.js';
import { directLoginUrl, espaceMobileUrl, espaceUrl } from '../espaces/espace-urls.js';
import { type DelegationRecord, type SchoolRecord, isPublished } from './school-record.js';

const order = (espace: string) => ESPACES.findIndex((d) => d.espace === espace);

export function publicationView(school: SchoolRecord, hostingDomain: string): PublicationView {
  return {
    uai: school.uai,
    published: isPublished(school),
    enabled: school.enabled,
    baseInService: school.baseInService,
    base: school.baseId && school.baseName ? { baseId: school.baseId, name: school.baseName, fileName: `${school.baseName}.not` } : null,
    espaces: [...school.espaces]
      .sort((a, b) => order(a.espace) - order(b.espace))
      .map((e) => {
        const definition = espaceDefinition(e.espace);
        return {
          espace: e.espace,
          label: definition.label,
          numericId: definition.numericId,
          published: e.published,
          url: espaceUrl(school.uai, hostingDomain, e.espace),
          mobileUrl: espaceMobileUrl(school.uai, hostingDomain, e.espace),
          delegation: e.delegation,
          casDelegationId: e.casDelegationId,
        };
      }),
    updatedAt: school.updatedAt?.toISOString() ?? null,
  };
}

export function delegationView(school: SchoolRecord, delegation: DelegationRecord, hostingDomain: string): DelegationView {
  return {
    id: delegation.id,
    kind: delegation.kind,
    name: delegation.name,
    active: delegation.active,
    cas: delegation.kind === 'cas' ? casSettings(school.uai, delegation, hostingDomain) : null,
    metadataUrl: delegation.metadataUrl,
  };
}

export function delegationsPane(school: SchoolRecord, hostingDomain: string): DelegationsPane {
  return {
    uai: school.uai,
    published: isPublished(school),
    delegations: school.delegations.map((d) => delegationView(school, d, hostingDomain)),
    espaces: [...school.espaces]
      .sort((a, b) => order(a.espace) - order(b.espace))
      .map((e) => ({ espace: e.espace, label: espaceDefinition(e.espace).label, delegation: e.delegation, casDelegationId: e.casDelegationId })),
  };
}

/** The links the console prints under "Définir une délégation CAS", for the page commune. */
function casSettings(uai: string, delegation: DelegationRecord, hostingDomain: string): NonNullable<DelegationView['cas']> {
  const endpoints = { loginUrl: delegation.loginUrl!, validationUrl: delegation.validationUrl!, validationProtocol: delegation.validationProtocol! };
  const pageCommune = espaceUrl(uai, hostingDomain, 'page_commune');
  return {
    presetId: delegation.presetId,
    ...endpoints,
    allowDirectLogin: delegation.allowDirectLogin,
    links: {
      authentication: casLoginLink(endpoints, pageCommune),
      validation: casValidationLink(endpoints, pageCommune),
      entSocle: pageCommune,
      directLogin: delegation.allowDirectLogin ? directLoginUrl(pageCommune) : null,
    },
  };
}
