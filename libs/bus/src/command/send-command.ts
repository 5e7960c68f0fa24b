import { ErrorCode, NatsError, type Msg } from 'nats';
import { CommonErrorCode, errorReplySchema, type CommandContract, type RequestOf, type ResponseOf } from '@pronote/contracts';
import { correlationId as currentCorrelationId, currentContext } from '@pronote/observability';
import type { Bus } from '../connection.js';
import { correlationHeaders, ERROR_CODE_HEADER } from '../headers.js';
import { RemoteCommandError } from './remote-command-error.js';

export interface SendCommandOptions {
  timeoutMs?: number;
  /** Defaults to the current context's id (or a new one). */
  correlationId?: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Sends a command and returns its validated response, or throws a `RemoteCommandError` with the remote code. */
export async function sendCommand<C extends CommandContract>(
  bus: Bus,
  contract: C,
  request: RequestOf<C>,
  options: SendCommandOptions = {},
): Promise<ResponseOf<C>> {
  const correlationId = options.correlationId ?? currentCorrelationId();
  const fail = (code: string, message: string, details?: unknown) =>
    new RemoteCommandError(code, message, contract.subject, correlationId, details);

  const body = contract.request.safeParse(request);
  if (!body.success) throw fail(CommonErrorCode.VALIDATION_FAILED, 'invalid command request', body.error.issues);

  let reply: Msg;
  try {
    reply = await bus.connection().request(bus.subject(contract.subject), encoder.encode(JSON.stringify(body.data)), {
      timeout: options.timeoutMs ?? 5000,
      headers: correlationHeaders(correlationId, currentContext()?.causationId),
    });
  } catch (error) {
    throw transportError(error, fail);
  }

  const json = parseJson(reply.data);
  if (reply.headers?.get(ERROR_CODE_HEADER)) {
    const remote = errorReplySchema.safeParse(json);
    if (!remote.success) throw fail(CommonErrorCode.INTERNAL, `malformed error reply from ${contract.subject}`);
    throw fail(remote.data.code, remote.data.message, remote.data.details);
  }
  const response = contract.response.safeParse(json);
  if (!response.success) throw fail(CommonErrorCode.INTERNAL, `invalid response from ${contract.subject}`);
  return response.data as ResponseOf<C>;
}

function transportError(
  error: unknown,
  fail: (code: string, message: string) => RemoteCommandError,
): Error {
  if (error instanceof RemoteCommandError) return error;
  if (error instanceof NatsError && error.code === ErrorCode.Timeout) {
    return fail(CommonErrorCode.UPSTREAM_TIMEOUT, 'no reply in time');
  }
  if (error instanceof NatsError && error.code === ErrorCode.NoResponders) {
    return fail(CommonErrorCode.UPSTREAM_UNAVAILABLE, 'no instance serves this command');
  }
  return fail(CommonErrorCode.UPSTREAM_UNAVAILABLE, error instanceof Error ? error.message : String(error));
}

function parseJson(data: Uint8Array): unknown {
  if (data.length === 0) return undefined;
  try {
    return JSON.parse(decoder.decode(data));
  } catch {
    return undefined;
  }
}
