import { casLoginLink, casValidationLink, defaultValidationUrl } from './cas-links.js';
import { ENT_PRESETS, findEntPreset } from './ent-presets.js';

describe('CAS links (seed, Fiche 10 "Définir une délégation CAS")', () => {
  const atrium = findEntPreset('atrium-sud')!;
  const pageCommune = 'https://0750654D.index-education.net/pronote/';

  it('builds the Atrium login link with the espace URL fully encoded (the seed drops the colon)', () => {
    expect(casLoginLink(atrium, pageCommune)).toBe(
      'https://www.atrium-sud.fr/connexion/login?service=https%3A%2F%2F0750654D.index-education.net%2Fpronote%2F',
    );
  });

  it('builds the validation link on a different URL, with TARGET for samlValidate', () => {
    expect(casValidationLink(atrium, pageCommune)).toBe(
      'https://www.atrium-sud.fr/connexion/samlValidate?TARGET=https%3A%2F%2F0750654D.index-education.net%2Fpronote%2F',
    );
    const cas2 = { loginUrl: 'https://cas.example.fr/cas/login', validationUrl: 'https://cas.example.fr/cas/serviceValidate', validationProtocol: 'cas2' as const };
    expect(casValidationLink(cas2, `${pageCommune}parent.html`)).toBe(
      'https://cas.example.fr/cas/serviceValidate?service=https%3A%2F%2F0750654D.index-education.net%2Fpronote%2Fparent.html',
    );
  });

  it('decodes back to exactly the espace URL, query included', () => {
    const service = `${pageCommune}eleve.html?fd=1&a=b c`;
    const link = new URL(casLoginLink(atrium, service));
    expect(link.searchParams.get('service')).toBe(service);
  });

  it('derives a validation URL from the CAS root of a manual login URL', () => {
    expect(defaultValidationUrl('https://cas.example.fr/cas/login', 'cas3')).toBe('https://cas.example.fr/cas/p3/serviceValidate');
    expect(defaultValidationUrl('https://cas.example.fr/cas/login', 'saml11')).toBe('https://cas.example.fr/cas/samlValidate');
  });

  it('has presets with unique ids and https URLs', () => {
    expect(new Set(ENT_PRESETS.map((p) => p.id)).size).toBe(ENT_PRESETS.length);
    for (const preset of ENT_PRESETS) expect([preset.loginUrl, preset.validationUrl].every((u) => u.startsWith('https://'))).toBe(true);
  });
});
