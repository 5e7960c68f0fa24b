import type { PublicationEspace } from '@pronote/contracts';
import { espaceDefinition } from './espace-catalogue.js';

/** Where a school's PRONOTE.net lives: `https://<UAI>.<hosting domain>/pronote/`. */
export function pronoteNetRoot(uai: string, hostingDomain: string): string {
  return `https://${uai}.${hostingDomain}/pronote/`;
}

/** "Adresses de connexion des internautes": the desktop page of an espace. */
export function espaceUrl(uai: string, hostingDomain: string, espace: PublicationEspace): string {
  return pronoteNetRoot(uai, hostingDomain) + espaceDefinition(espace).page;
}

/** The `mobile.` variant (`mobile.html` for the page commune). */
export function espaceMobileUrl(uai: string, hostingDomain: string, espace: PublicationEspace): string {
  const page = espaceDefinition(espace).page;
  return pronoteNetRoot(uai, hostingDomain) + (page === '' ? 'mobile.html' : `mobile.${page}`);
}

/** `?login=true`: PRONOTE.net's own login form even though a delegation is active. */
export function directLoginUrl(url: string): string {
  // Not through `URL`: it would lower-case the UAI in the host name the seed prints in capitals.
  return `${url}${url.includes('?') ? '&' : '?'}login=true`;
}
