import { runService } from '@pronote/service-kit';
import { AppModule, SERVICE } from './app.module.js';
import { loadPublicationConfig } from './config/publication.config.js';

await runService({ service: SERVICE, loadConfig: loadPublicationConfig, module: AppModule.register });
