import type { FastifyRequest } from 'fastify';

/** Who is calling: platform staff (any school) or the hosting manager of one school. */
export type Principal = { kind: 'operator' } | { kind: 'school'; uai: string; accountId: string };

export interface AuthenticatedRequest extends FastifyRequest {
  principal?: Principal;
}
