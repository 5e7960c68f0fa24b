// The configuration shape of every platform service, for tooling (compose checks, generated docs).
// Typed by PlatformService: a new service without its shape here is a compile error.
import type { EnvShape } from '@pronote/config';
import { accountsConfigShape } from '../../services/accounts/src/config/accounts.config.js';
import { backupsConfigShape } from '../../services/backups/src/config/backups.config.js';
import { basesConfigShape } from '../../services/bases/src/config/bases.config.js';
import { gatewayConfigShape } from '../../services/gateway/src/config/gateway.config.js';
import { publicationConfigShape } from '../../services/publication/src/config/publication.config.js';
import { runtimeSimConfigShape } from '../../services/runtime-sim/src/config/runtime-sim.config.js';
import { sessionsConfigShape } from '../../services/sessions/src/config/sessions.config.js';
import type { PlatformService } from '../platform/services.js';

export const SERVICE_CONFIG_SHAPES: Record<PlatformService, EnvShape> = {
  accounts: accountsConfigShape,
  bases: basesConfigShape,
  backups: backupsConfigShape,
  publication: publicationConfigShape,
  sessions: sessionsConfigShape,
  'runtime-sim': runtimeSimConfigShape,
  gateway: gatewayConfigShape,
};
