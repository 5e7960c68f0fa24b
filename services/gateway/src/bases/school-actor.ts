import type { AuthenticatedRequest } from '../auth/principal.js';

/** Who acts, for the bases history: set from the authenticated principal, never from the body. */
export function actorOf(request: AuthenticatedRequest): string {
  const principal = request.principal;
  return principal?.kind === 'school' ? `school:${principal.uai}` : 'operator';
}
