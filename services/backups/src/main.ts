import { runService } from '@pronote/service-kit';
import { AppModule, SERVICE } from './app.module.js';
import { loadBackupsConfig } from './config/backups.config.js';

await runService({ service: SERVICE, loadConfig: loadBackupsConfig, module: AppModule.register });
