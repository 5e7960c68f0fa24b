import type { PublicationEspace } from '@pronote/contracts';
import { espacesPublishedAfterEdt } from '../espaces/espace-catalogue.js';
import { NoBaseInServiceError } from './publication.errors.js';
import { type SchoolRecord, isPublished } from './school-record.js';

/** hosting.base.service_started: the base is served; published at once unless the manager stopped it. */
export function baseStarted(school: SchoolRecord, base: { baseId: string; name: string }): SchoolRecord {
  return { ...school, baseInService: true, baseId: base.baseId, baseName: base.name };
}

/** hosting.base.service_stopped: only the recorded base going down unpublishes (a late event of an older base does not). */
export function baseStopped(school: SchoolRecord, baseId: string): SchoolRecord {
  if (school.baseId !== null && school.baseId !== baseId) return school;
  return { ...school, baseInService: false };
}

/** hosting.base.edt_imported: the espaces chosen at the EDT transfer (Fiche 6). */
export function edtImported(school: SchoolRecord, chosen: readonly string[]): SchoolRecord {
  const published = espacesPublishedAfterEdt(chosen);
  return { ...school, espaces: school.espaces.map((e) => ({ ...e, published: published.has(e.espace) })) };
}

/** "Arrêter la publication" / "Publier la base". */
export function setEnabled(school: SchoolRecord, enabled: boolean): SchoolRecord {
  if (enabled && !school.baseInService) throw new NoBaseInServiceError(school.uai);
  return { ...school, enabled };
}

export function setEspacePublished(school: SchoolRecord, espace: PublicationEspace, published: boolean): SchoolRecord {
  return { ...school, espaces: school.espaces.map((e) => (e.espace === espace ? { ...e, published } : e)) };
}

export function publishedEspaces(school: SchoolRecord): PublicationEspace[] {
  return isPublished(school) ? school.espaces.filter((e) => e.published).map((e) => e.espace) : [];
}

/** Whether what the internet sees changed: the runtime is told only then. */
export function visibleChange(before: SchoolRecord, after: SchoolRecord): boolean {
  return (
    isPublished(before) !== isPublished(after) ||
    (isPublished(after) && before.baseId !== after.baseId) ||
    publishedEspaces(before).join() !== publishedEspaces(after).join()
  );
}
