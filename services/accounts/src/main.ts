import { runService } from '@pronote/service-kit';
import { AppModule, SERVICE } from './app.module.js';
import { loadAccountsConfig } from './config/accounts.config.js';

await runService({ service: SERVICE, loadConfig: loadAccountsConfig, module: AppModule.register });
