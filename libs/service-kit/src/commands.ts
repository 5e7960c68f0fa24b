import { type CommandHandler, type CommandServer, type Bus, serveCommand } from '@pronote/bus';
import type { CommandContract } from '@pronote/contracts';
import { type Logger, histogram, processMetrics } from '@pronote/observability';

export interface CommandBinding {
  contract: CommandContract;
  handler: CommandHandler<CommandContract>;
}

/** Pairs a contract with its handler, keeping the handler's types checked against the contract. */
export function command<C extends CommandContract>(contract: C, handler: CommandHandler<C>): CommandBinding {
  return { contract, handler: handler as unknown as CommandHandler<CommandContract> };
}

export interface CommandGroup {
  stop(): Promise<void>;
}

/**
 * Serves a service's commands on its queue group. Subscriptions start once NATS answers, so a
 * service started while NATS is down comes up and serves as soon as it can.
 */
export function serveCommands(bus: Bus, options: { queue: string; logger: Logger }, bindings: CommandBinding[]): CommandGroup {
  const duration = histogram(processMetrics(), 'nats_command_duration_seconds', 'commands answered, by subject and outcome', [
    'subject',
    'outcome',
  ]);
  const servers = Promise.allSettled(
    bindings.map(({ contract, handler }) =>
      serveCommand(bus, contract, timed(contract.subject, handler, duration), options),
    ),
  );
  return {
    async stop() {
      const settled = await Promise.race([servers, new Promise<null>((r) => setTimeout(() => r(null), 100))]);
      if (!settled) return; // never connected: nothing to drain
      await Promise.all(
        settled.filter((s): s is PromiseFulfilledResult<CommandServer> => s.status === 'fulfilled').map((s) => s.value.stop()),
      );
    },
  };
}

function timed(
  subject: string,
  handler: CommandHandler<CommandContract>,
  duration: ReturnType<typeof histogram>,
): CommandHandler<CommandContract> {
  return async (request) => {
    const end = duration.startTimer({ subject });
    try {
      const response = await handler(request);
      end({ outcome: 'ok' });
      return response;
    } catch (error) {
      end({ outcome: (error as { code?: string }).code ?? 'INTERNAL' });
      throw error;
    }
  };
}
