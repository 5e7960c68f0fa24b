import type { Msg, Subscription } from 'nats';
import type { CommandContract, RequestOf, ResponseOf } from '@pronote/contracts';
import {
  CAUSATION_HEADER,
  CORRELATION_HEADER,
  newCorrelationId,
  runWithContext,
  type Logger,
} from '@pronote/observability';
import type { Bus } from '../connection.js';
import { correlationHeaders, ERROR_CODE_HEADER, readIdHeader } from '../headers.js';
import { toErrorReply, validationErrorReply } from './error-reply.js';

export type CommandHandler<C extends CommandContract> = (request: RequestOf<C>) => Promise<ResponseOf<C>>;

export interface ServeCommandOptions {
  /** Queue group: each request goes to one instance of the service. */
  queue: string;
  logger: Logger;
}

export interface CommandServer {
  /** Stops taking requests, answers those in progress, then resolves. */
  stop(): Promise<void>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Subscribes once NATS is reachable (resolves then); request and response are validated against the contract. */
export async function serveCommand<C extends CommandContract>(
  bus: Bus,
  contract: C,
  handler: CommandHandler<C>,
  options: ServeCommandOptions,
): Promise<CommandServer> {
  const nc = await bus.ready();
  const logger = options.logger.child({ command: contract.subject });
  const inFlight = new Set<Promise<void>>();
  const subscription: Subscription = nc.subscribe(bus.subject(contract.subject), {
    queue: options.queue,
    callback: (error, msg) => {
      if (error) {
        logger.error({ err: error }, 'command subscription failed');
        return;
      }
      const task = answer(msg).finally(() => inFlight.delete(task));
      inFlight.add(task);
    },
  });

  // Once this resolves the server knows the subscription: requests sent from now on find a responder.
  await nc.flush();

  async function answer(msg: Msg): Promise<void> {
    const correlationId = readIdHeader(msg.headers, CORRELATION_HEADER) ?? newCorrelationId();
    const causationId = readIdHeader(msg.headers, CAUSATION_HEADER);
    await runWithContext({ correlationId, causationId }, async () => {
      const request = contract.request.safeParse(parseJson(msg.data));
      if (!request.success) {
        logger.warn({ subject: contract.subject, issues: request.error.issues.length }, 'invalid command request');
        replyError(msg, validationErrorReply(request.error.issues, correlationId));
        return;
      }
      try {
        const response = contract.response.parse(await handler(request.data as RequestOf<C>));
        msg.respond(encoder.encode(JSON.stringify(response ?? null)), { headers: correlationHeaders(correlationId) });
      } catch (error) {
        const reply = toErrorReply(error, correlationId);
        if (reply.code === 'INTERNAL') logger.error({ err: error }, 'command handler failed');
        replyError(msg, reply);
      }
    });
  }

  function replyError(msg: Msg, reply: ReturnType<typeof toErrorReply>): void {
    const headers = correlationHeaders(reply.correlationId ?? newCorrelationId());
    headers.set(ERROR_CODE_HEADER, reply.code);
    msg.respond(encoder.encode(JSON.stringify(reply)), { headers });
  }

  return {
    async stop() {
      if (!subscription.isClosed()) await subscription.drain().catch(() => subscription.unsubscribe());
      await Promise.allSettled([...inFlight]);
    },
  };
}

function parseJson(data: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(data));
  } catch {
    return undefined;
  }
}
