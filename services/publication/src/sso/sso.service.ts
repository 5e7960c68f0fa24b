import { Inject, Injectable } from '@nestjs/common';
import type { PublicationEspace } from '@pronote/contracts';
import { createHash } from 'node:crypto';
import { PUBLICATION_CONFIG } from '../config/publication-config.token.js';
import type { PublicationConfig } from '../config/publication.config.js';
import { espaceMobileUrl, espaceUrl } from '../espaces/espace-urls.js';
import { isPublished } from '../school/school-record.js';
import { SchoolRepository, orNew } from '../school/school.repository.js';
import { validateCasTicket } from './cas-validation.js';
import { CasNotConfiguredError, CasTicketAlreadyUsedError } from './sso.errors.js';

/** The SSO edge of PRONOTE.net: a browser back from the ENT with `ticket=`. */
@Injectable()
export class SsoService {
  constructor(
    private readonly schools: SchoolRepository,
    @Inject(PUBLICATION_CONFIG) private readonly config: PublicationConfig,
  ) {}

  async validateCasTicket(uai: string, espace: PublicationEspace, mobile: boolean, ticket: string) {
    const school = orNew(uai, await this.schools.load(uai));
    const setting = school.espaces.find((e) => e.espace === espace);
    const delegation = school.delegations.find((d) => d.id === setting?.casDelegationId);
    if (!isPublished(school) || !setting?.published || setting.delegation !== 'cas' || !delegation?.active) throw new CasNotConfiguredError(espace);
    // Recorded before the call: a replay is refused on every instance, whatever the CAS server says.
    const ticketHash = createHash('sha256').update(ticket).digest('hex');
    if (!(await this.schools.claimCasTicket(ticketHash, uai))) throw new CasTicketAlreadyUsedError();
    const serviceUrl = (mobile ? espaceMobileUrl : espaceUrl)(uai, this.config.HOSTING_DOMAIN, espace);
    const identity = await validateCasTicket({
      validationUrl: delegation.validationUrl!,
      protocol: delegation.validationProtocol!,
      ticket,
      serviceUrl,
      timeoutMs: this.config.CAS_TIMEOUT_MS,
    });
    return { ...identity, delegationId: delegation.id };
  }
}
