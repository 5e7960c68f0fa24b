import { directLoginUrl, espaceMobileUrl, espaceUrl, pronoteNetRoot } from './espace-urls.js';
import { ESPACES, espacesPublishedAfterEdt } from './espace-catalogue.js';

// The seed prints RNE for the UAI: these are its addresses with a real UAI.
describe('PRONOTE.net addresses (seed, Fiche 10)', () => {
  const domain = 'index-education.net';

  it('gives the page commune and its mobile page', () => {
    expect(espaceUrl('0750654D', domain, 'page_commune')).toBe('https://0750654D.index-education.net/pronote/');
    expect(espaceMobileUrl('0750654D', domain, 'page_commune')).toBe('https://0750654D.index-education.net/pronote/mobile.html');
  });

  it('gives each espace page and its mobile. variant', () => {
    expect(espaceUrl('0750654D', domain, 'etablissement')).toBe('https://0750654D.index-education.net/pronote/pageetablissement.html');
    expect(espaceMobileUrl('0750654D', domain, 'etablissement')).toBe('https://0750654D.index-education.net/pronote/mobile.pageetablissement.html');
    expect(espaceUrl('0750654D', domain, 'direction')).toBe('https://0750654D.index-education.net/pronote/direction.html');
    expect(espaceMobileUrl('0750654D', domain, 'direction')).toBe('https://0750654D.index-education.net/pronote/mobile.direction.html');
    expect(espaceUrl('0750654D', domain, 'parents')).toBe('https://0750654D.index-education.net/pronote/parent.html');
    expect(espaceUrl('0750654D', domain, 'inscriptions')).toBe('https://0750654D.index-education.net/pronote/inscription.html');
  });

  it('follows the configured hosting domain', () => {
    expect(pronoteNetRoot('0750653C', 'hebergement.example.org')).toBe('https://0750653C.hebergement.example.org/pronote/');
    expect(espaceMobileUrl('0750653C', 'hebergement.example.org', 'eleves')).toBe('https://0750653C.hebergement.example.org/pronote/mobile.eleve.html');
  });

  it('adds ?login=true for a direct connection', () => {
    expect(directLoginUrl('https://0750654D.index-education.net/pronote/')).toBe('https://0750654D.index-education.net/pronote/?login=true');
  });

  it('carries the numeric espace ids clients use', () => {
    const ids = Object.fromEntries(ESPACES.filter((d) => d.numericId !== null).map((d) => [d.espace, d.numericId]));
    expect(ids).toEqual({ eleves: 6, parents: 7, professeurs: 8, vie_scolaire: 14, direction: 17, accompagnants: 26 });
  });

  it('publishes the public pages and the espaces chosen at an EDT transfer', () => {
    expect([...espacesPublishedAfterEdt(['professeurs', 'eleves'])].sort()).toEqual(['eleves', 'etablissement', 'page_commune', 'professeurs']);
  });
});
