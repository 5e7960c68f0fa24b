import { type CommandHandler, type CommandServer, type Bus, serveCommand } from '@pronote/bus';
import type { CommandContract } from '@pronote/contracts';
import type { Logger } from '@pronote/observability';

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
  const servers = Promise.allSettled(
    bindings.map(({ contract, handler }) => serveCommand(bus, contract, handler, options)),
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
