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
import { type CommandBinding, CommandHandler, type CommandProvider, command } from '@pronote/service-kit';
import { DelegationsService } from '../delegations/delegations.service.js';
import { ENT_PRESETS } from '../delegations/ent-presets.js';
import { SsoService } from '../sso/sso.service.js';
import { PublicationService } from './publication.service.js';

/** NATS adapters of the PRONOTE.net pane: one line per command. */
@CommandHandler()
export class PublicationHandler implements CommandProvider {
  constructor(
    private readonly publication: PublicationService,
    private readonly delegations: DelegationsService,
    private readonly sso: SsoService,
  ) {}

  commands(): CommandBinding[] {
    return [
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
    ];
  }
}
