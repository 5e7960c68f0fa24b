import { z } from 'zod';
import { actorSchema } from '../bases/base-lifecycle.js';
import { defineCommand, defineEvent } from '../define.js';
import { uaiSchema } from '../shared/uai.js';
import { espaceViewSchema, publicationEspaceSchema } from './espaces.js';

export const PublicationErrorCode = {
  /** "Publier la base" needs a base in service. */
  PUBLICATION_NO_BASE_IN_SERVICE: 'PUBLICATION_NO_BASE_IN_SERVICE',
} as const;

export const publishedBaseSchema = z.object({
  baseId: z.uuid(),
  /** "Base année 2022-2023" */
  name: z.string(),
  /** "Base année 2022-2023.not", as the console prints it. */
  fileName: z.string(),
});

/** "Administration de PRONOTE.net": Base publiée / Non publiée, the base, the espaces and their URLs. */
export const publicationViewSchema = z.object({
  uai: uaiSchema,
  published: z.boolean(),
  /** The manager's switch ("Arrêter" / "Publier la base"); publication is automatic while true. */
  enabled: z.boolean(),
  baseInService: z.boolean(),
  base: publishedBaseSchema.nullable(),
  espaces: z.array(espaceViewSchema),
  updatedAt: z.iso.datetime().nullable(),
});
export type PublicationView = z.infer<typeof publicationViewSchema>;

export const GetPublication = defineCommand('publication.state.get', 1, z.strictObject({ uai: uaiSchema }), publicationViewSchema);

/** "Arrêter la publication" (false) / "Publier la base" (true). */
export const setPublicationRequestSchema = z.strictObject({ enabled: z.boolean() });
export const SetPublication = defineCommand(
  'publication.state.set',
  1,
  setPublicationRequestSchema.extend({ uai: uaiSchema, actor: actorSchema }),
  publicationViewSchema,
);

/** "Publier" checkbox of one espace. */
export const setEspacePublishedRequestSchema = z.strictObject({ published: z.boolean() });
export const SetEspacePublished = defineCommand(
  'publication.espace.set_published',
  1,
  setEspacePublishedRequestSchema.extend({ uai: uaiSchema, espace: publicationEspaceSchema, actor: actorSchema }),
  publicationViewSchema,
);

/** The school's PRONOTE.net is now (un)published: the hosted runtime follows it. */
export const PublicationStateChanged = defineEvent(
  'hosting.publication.state_changed',
  1,
  z.object({
    uai: uaiSchema,
    published: z.boolean(),
    baseId: z.uuid().nullable(),
    publishedEspaces: z.array(publicationEspaceSchema),
    changedAt: z.iso.datetime(),
  }),
);
