import { runService } from '@pronote/service-kit';
import { AppModule, SERVICE } from './app.module.js';
import { loadSessionsConfig } from './config/sessions.config.js';

await runService({ service: SERVICE, loadConfig: loadSessionsConfig, module: AppModule.register });
