import { z } from 'zod';
import { defineEvent } from '../define.js';
import { uaiSchema } from '../shared/uai.js';

/**
 * Who is connected to a school's hosted runtime (seed, Fiche 11 "Liste des utilisateurs connectés"):
 * a Client PRONOTE in a mode, "connecté" or "connecté en modification", or a PRONOTE.net espace.
 */
export const clientModeSchema = z.enum(['administratif', 'enseignant', 'vie_scolaire']);
export type ClientMode = z.infer<typeof clientModeSchema>;

/** PRONOTE.net espaces a user can be connected to (ARCHITECTURE.md, domain facts). */
export const espaceSchema = z.enum([
  'eleves', 'parents', 'professeurs', 'vie_scolaire', 'direction', 'accompagnants', 'entreprise', 'academie',
]);
export type Espace = z.infer<typeof espaceSchema>;

const userName = z.string().trim().min(1).max(200);
/** "Poste": the address the connection comes from, when known. */
const address = z.string().trim().min(1).max(100);

/** Body of `POST /sim/schools/:uai/connections` on the simulator's own HTTP port. */
export const openConnectionRequestSchema = z.discriminatedUnion('application', [
  z.strictObject({
    application: z.literal('client'),
    mode: clientModeSchema,
    /** "Connecté en modification": the user holds a licence en modification. */
    editing: z.boolean(),
    userName,
    address: address.optional(),
  }),
  z.strictObject({ application: z.literal('pronote_net'), espace: espaceSchema, userName, address: address.optional() }),
]);
export type OpenConnectionRequest = z.infer<typeof openConnectionRequestSchema>;

export const runtimeConnectionSchema = z.object({
  connectionId: z.uuid(),
  uai: uaiSchema,
  baseId: z.uuid(),
  application: z.enum(['client', 'pronote_net']),
  /** Client PRONOTE only. */
  mode: clientModeSchema.nullable(),
  /** PRONOTE.net only. */
  espace: espaceSchema.nullable(),
  editing: z.boolean(),
  userName: z.string(),
  address: z.string().nullable(),
  openedAt: z.iso.datetime(),
});
export type RuntimeConnectionView = z.infer<typeof runtimeConnectionSchema>;

/** A user connected to a school's runtime (published by runtime-sim through its outbox). */
export const RuntimeConnectionOpened = defineEvent('hosting.runtime.connection_opened', 1, runtimeConnectionSchema);

export const connectionCloseReasonSchema = z.enum([
  /** The user left. */
  'client_closed',
  /** Disconnected by the hosting manager or an operator (runtime.<uai>.disconnect). */
  'disconnected',
  /** The server was stopped: every connection ends. */
  'service_stopped',
]);

export const RuntimeConnectionClosed = defineEvent(
  'hosting.runtime.connection_closed',
  1,
  runtimeConnectionSchema.extend({ closedAt: z.iso.datetime(), reason: connectionCloseReasonSchema }),
);
