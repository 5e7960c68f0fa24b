import type { EntPreset } from '@pronote/contracts';

/**
 * "Mon ENT": CAS servers of ENTs, so that a manager does not type URLs. Atrium is the seed's; the
 * others must be confirmed with each ENT before a school relies on them (docs/publication.md).
 */
export const ENT_PRESETS: readonly EntPreset[] = [
  {
    id: 'atrium-sud',
    label: "Atrium (Région Sud Provence-Alpes-Côte d'Azur)",
    loginUrl: 'https://www.atrium-sud.fr/connexion/login',
    validationUrl: 'https://www.atrium-sud.fr/connexion/samlValidate',
    validationProtocol: 'saml11',
  },
  {
    id: 'monbureaunumerique',
    label: 'Mon Bureau Numérique (Région Grand Est)',
    loginUrl: 'https://cas.monbureaunumerique.fr/login',
    validationUrl: 'https://cas.monbureaunumerique.fr/serviceValidate',
    validationProtocol: 'cas2',
  },
  {
    id: 'enteduconnect-generic',
    label: 'ENT sur socle CAS (configuration type)',
    loginUrl: 'https://cas.ent.example.fr/cas/login',
    validationUrl: 'https://cas.ent.example.fr/cas/p3/serviceValidate',
    validationProtocol: 'cas3',
  },
];

export function findEntPreset(id: string): EntPreset | undefined {
  return ENT_PRESETS.find((preset) => preset.id === id);
}
