import { z } from 'zod';
import { defineCommand } from '../define.js';
import { clientModeSchema, espaceSchema } from '../runtime/connections.js';
import { uaiSchema } from '../shared/uai.js';
import { licencesViewSchema } from './licences.js';

export const SessionsErrorCode = {
  SESSIONS_SCHOOL_NOT_FOUND: 'SESSIONS_SCHOOL_NOT_FOUND',
  SESSION_CONNECTION_NOT_FOUND: 'SESSION_CONNECTION_NOT_FOUND',
  LICENCES_EXHAUSTED: 'LICENCES_EXHAUSTED',
  LICENCE_RESERVE_INVALID: 'LICENCE_RESERVE_INVALID',
} as const;

/** "État" column of Fiche 11. */
export const connectionStateSchema = z.enum(['connecte', 'connecte_en_modification']);

/** One line of "Liste des utilisateurs connectés" (Fiche 11 §1). */
export const connectedUserSchema = z.object({
  connectionId: z.uuid(),
  /** "Poste": the address the user connects from, when the runtime knows it. */
  poste: z.string().nullable(),
  application: z.enum(['client', 'pronote_net']),
  /** "2022 - 0.1.137": not reported by the runtime protocol yet. */
  applicationVersion: z.string().nullable(),
  state: connectionStateSchema,
  mode: clientModeSchema.nullable(),
  espace: espaceSchema.nullable(),
  userName: z.string(),
  baseId: z.uuid(),
  openedAt: z.iso.datetime(),
  durationSeconds: z.number().int().min(0),
  /** "Déconnecter" was asked; the line goes once the runtime reports the close. */
  disconnectRequested: z.boolean(),
});
export type ConnectedUser = z.infer<typeof connectedUserSchema>;

export const ListConnectedUsers = defineCommand(
  'sessions.connection.list',
  1,
  z.strictObject({ uai: uaiSchema }),
  z.object({ licences: licencesViewSchema, items: z.array(connectedUserSchema) }),
);

/** "Déconnecter": asks the runtime; the state changes when it reports the close. */
export const DisconnectUser = defineCommand(
  'sessions.connection.disconnect',
  1,
  z.strictObject({ uai: uaiSchema, connectionId: z.uuid() }),
  z.object({ requested: z.literal(true) }),
);
