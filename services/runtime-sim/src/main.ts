import { runService } from '@pronote/service-kit';
import { AppModule, SERVICE } from './app.module.js';
import { loadRuntimeSimConfig } from './config/runtime-sim.config.js';

await runService({ service: SERVICE, loadConfig: loadRuntimeSimConfig, module: AppModule.register });
