/** Entry of the bases consumer process (see consumer-process.ts). */
import { connectBus } from '@pronote/bus';
import { createLogger } from '@pronote/observability';
import { BasesSide } from './bases-side.js';
import { consumerArgs, serveConsumerProcess } from './consumer-process-entry.js';
import type { PipelineSettings } from './pipeline-settings.js';

export interface BasesConsumerArgs {
  settings: PipelineSettings;
  durable: string;
  concurrency: number;
}

const { settings, durable, concurrency } = consumerArgs<BasesConsumerArgs>();
await serveConsumerProcess(async (report) => {
  const logger = createLogger({ service: 'bench-bases', level: 'warn' });
  const bus = connectBus({ servers: settings.natsUrl, name: 'bench-bases', subjectPrefix: settings.subjectPrefix });
  await bus.ready();
  const bases = new BasesSide(bus, settings, logger);
  bases.start(durable, concurrency, report);
  return {
    close: async () => {
      await bases.close();
      await bus.close();
    },
  };
});
