import { Inject, Injectable } from '@nestjs/common';
import type { DefineCasDelegationRequest, DelegationView, DelegationsPane } from '@pronote/contracts';
import { randomUUID } from 'node:crypto';
import { PUBLICATION_CONFIG } from '../config/publication-config.token.js';
import type { PublicationConfig } from '../config/publication.config.js';
import type { SchoolRecord } from '../school/school-record.js';
import { SchoolRepository, orNew } from '../school/school.repository.js';
import { delegationView, delegationsPane } from '../school/views.js';
import { type EspaceChoice, chooseEspaceDelegations, defineCas, defineWsFederation, findDelegation, setActive } from './delegation-rules.js';

/** "Déléguer l'authentification": rules in delegation-rules.ts, the school saved as a whole. */
@Injectable()
export class DelegationsService {
  constructor(
    private readonly schools: SchoolRepository,
    @Inject(PUBLICATION_CONFIG) private readonly config: PublicationConfig,
  ) {}

  async pane(uai: string): Promise<DelegationsPane> {
    return delegationsPane(orNew(uai, await this.schools.load(uai)), this.config.HOSTING_DOMAIN);
  }

  defineCas(uai: string, settings: DefineCasDelegationRequest, delegationId?: string): Promise<DelegationView> {
    const newId = randomUUID();
    return this.changeOne(uai, delegationId ?? newId, (school) => defineCas(school, settings, { delegationId, newId }));
  }

  defineWsFederation(uai: string, settings: { name: string; metadataUrl: string }, delegationId?: string): Promise<DelegationView> {
    const newId = randomUUID();
    return this.changeOne(uai, delegationId ?? newId, (school) => defineWsFederation(school, settings, { delegationId, newId }));
  }

  setActive(uai: string, delegationId: string, active: boolean): Promise<DelegationView> {
    return this.changeOne(uai, delegationId, (school) => setActive(school, delegationId, active));
  }

  async chooseForEspaces(uai: string, choices: EspaceChoice[]): Promise<DelegationsPane> {
    const pane = await this.schools.change(uai, (school) => {
      const next = chooseEspaceDelegations(school, choices);
      return { next, result: delegationsPane(next, this.config.HOSTING_DOMAIN), events: [] };
    });
    return pane!;
  }

  private async changeOne(uai: string, delegationId: string, rule: (school: SchoolRecord) => SchoolRecord): Promise<DelegationView> {
    const view = await this.schools.change(uai, (school) => {
      const next = rule(school);
      return { next, result: delegationView(next, findDelegation(next, delegationId), this.config.HOSTING_DOMAIN), events: [] };
    });
    return view!;
  }
}
