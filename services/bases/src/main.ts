import { runService } from '@pronote/service-kit';
import { AppModule, SERVICE } from './app.module.js';
import { loadBasesConfig } from './config/bases.config.js';

await runService({ service: SERVICE, loadConfig: loadBasesConfig, module: AppModule.register });
