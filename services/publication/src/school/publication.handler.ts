import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Bus } from '@pronote/bus';
import {
  DefineCasDelegation,
  DefineWsFederationDelegation,
  GetDelegations,
  GetPublication,
  ListEntPresets,
  SetDelegationActive,
  SetEspaceDelegations,
  SetEspacePublished,
  SetPublication,
  ValidateCasTicket,
} from '@pronote/contracts';
import type { Logger } from '@pronote/observability';
import { BUS, type CommandGroup, LOGGER, command, serveCommands } from '@pronote/service-kit';
import { DelegationsService } from '../delegations/delegations.service.js';
import { ENT_PRESETS } from '../delegations/ent-presets.js';
import { SsoService } from '../sso/sso.service.js';
import { PublicationService } from './publication.service.js';

/** NATS adapters of the PRONOTE.net pane: one line per command. */
@Injectable()
export class PublicationHandler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private commands: CommandGroup | undefined;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly publication: PublicationService,
    private readonly delegations: DelegationsService,
    private readonly sso: SsoService,
  ) {}

  onApplicationBootstrap(): void {
    this.commands = serveCommands(this.bus, { queue: 'publication', logger: this.logger }, [
      command(GetPublication, ({ uai }) => this.publication.get(uai)),
      command(SetPublication, ({ uai, enabled }) => this.publication.setEnabled(uai, enabled)),
      command(SetEspacePublished, ({ uai, espace, published }) => this.publication.setEspacePublished(uai, espace, published)),
      command(GetDelegations, ({ uai }) => this.delegations.pane(uai)),
      command(ListEntPresets, async () => ({ presets: [...ENT_PRESETS] })),
      command(DefineCasDelegation, ({ uai, settings, delegationId }) => this.delegations.defineCas(uai, settings, delegationId)),
      command(DefineWsFederationDelegation, ({ uai, name, metadataUrl, delegationId }) => this.delegations.defineWsFederation(uai, { name, metadataUrl }, delegationId)),
      command(SetDelegationActive, ({ uai, delegationId, active }) => this.delegations.setActive(uai, delegationId, active)),
      command(SetEspaceDelegations, ({ uai, choices }) => this.delegations.chooseForEspaces(uai, choices)),
      command(ValidateCasTicket, ({ uai, espace, mobile, ticket }) => this.sso.validateCasTicket(uai, espace, mobile, ticket)),
    ]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.commands?.stop();
  }
}
