import { CommonErrorCode, DomainError } from '@pronote/contracts';
import { correlationId, runWithContext } from '@pronote/observability';
import {
  connectBus,
  ERROR_CODE_HEADER,
  RemoteCommandError,
  sendCommand,
  serveCommand,
  type Bus,
  type CommandServer,
} from '../src/index.js';
import { capturingLogger, delay, NATS_URL, startBase, uniqueToken } from './support/fixtures.js';

let server: Bus;
let client: Bus;
const servers: CommandServer[] = [];

beforeAll(async () => {
  const subjectPrefix = uniqueToken('cmd');
  server = connectBus({ servers: NATS_URL, name: 'bus-command-server', subjectPrefix });
  client = connectBus({ servers: NATS_URL, name: 'bus-command-client', subjectPrefix });
  await Promise.all([server.ready(), client.ready()]);
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((served) => served.stop()));
});

afterAll(async () => {
  await client.close();
  await server.close();
});

async function serve(handler: (request: { baseId: string }) => Promise<{ state: 'in_service' | 'stopped'; correlationId: string }>) {
  const served = await serveCommand(server, startBase, handler, { queue: 'bases', logger: capturingLogger().logger });
  servers.push(served);
  return served;
}

async function remoteFailure(promise: Promise<unknown>): Promise<RemoteCommandError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RemoteCommandError);
  return error as RemoteCommandError;
}

describe('commands over request/reply', () => {
  it('returns the typed response, the handler running in the caller correlation context', async () => {
    await serve(async () => ({ state: 'in_service', correlationId: correlationId() }));
    const response = await runWithContext({ correlationId: 'corr-cmd' }, () =>
      sendCommand(client, startBase, { baseId: 'base-1' }, { timeoutMs: 10_000 }),
    );
    expect(response).toEqual({ state: 'in_service', correlationId: 'corr-cmd' });
  });

  it('answers VALIDATION_FAILED with the issues for a bad request', async () => {
    let called = false;
    await serve(async () => {
      called = true;
      return { state: 'in_service', correlationId: 'x' };
    });
    const reply = await client.connection().request(client.subject(startBase.subject), JSON.stringify({ baseId: 42 }), {
      timeout: 10_000,
    });
    expect(reply.headers?.get(ERROR_CODE_HEADER)).toBe(CommonErrorCode.VALIDATION_FAILED);
    expect(reply.json()).toMatchObject({
      code: CommonErrorCode.VALIDATION_FAILED,
      details: [{ path: ['baseId'], code: 'invalid_type' }],
    });
    expect(called).toBe(false);
  });

  it('carries a domain error code back to the caller', async () => {
    await serve(async ({ baseId }) => {
      throw new DomainError('BASE_NOT_FOUND', `no base ${baseId}`, { baseId });
    });
    const error = await remoteFailure(sendCommand(client, startBase, { baseId: 'b-9' }, { correlationId: 'corr-nf' }));
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'BASE_NOT_FOUND', message: 'no base b-9', details: { baseId: 'b-9' } });
    expect(error.correlationId).toBe('corr-nf');
  });

  it('hides unexpected errors behind INTERNAL, without their message or stack', async () => {
    await serve(async () => {
      throw new Error('connection string postgres://secret');
    });
    const error = await remoteFailure(sendCommand(client, startBase, { baseId: 'b' }));
    expect(error.code).toBe(CommonErrorCode.INTERNAL);
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('secret');
  });

  it('rejects a response that breaks the contract as INTERNAL', async () => {
    await serve(async () => ({ state: 'exploded' }) as never);
    const error = await remoteFailure(sendCommand(client, startBase, { baseId: 'b' }));
    expect(error.code).toBe(CommonErrorCode.INTERNAL);
  });

  it('times out as UPSTREAM_TIMEOUT', async () => {
    await serve(async () => {
      await delay(1000);
      return { state: 'stopped', correlationId: 'late' };
    });
    const error = await remoteFailure(sendCommand(client, startBase, { baseId: 'b' }, { timeoutMs: 200 }));
    expect(error.code).toBe(CommonErrorCode.UPSTREAM_TIMEOUT);
  });

  it('reports UPSTREAM_UNAVAILABLE when nobody serves the command', async () => {
    const error = await remoteFailure(sendCommand(client, startBase, { baseId: 'b' }, { timeoutMs: 2000 }));
    expect(error.code).toBe(CommonErrorCode.UPSTREAM_UNAVAILABLE);
  });

  it('stop() answers the requests in progress before returning', async () => {
    let markStarted!: () => void;
    const started = new Promise<void>((resolve) => (markStarted = resolve));
    let answered = false;
    const served = await serve(async () => {
      markStarted();
      await delay(300);
      answered = true;
      return { state: 'in_service', correlationId: 'slow' };
    });
    const pending = sendCommand(client, startBase, { baseId: 'b' }, { timeoutMs: 10_000 });
    await started; // in progress: not merely sent (a stop before it arrives would leave it unanswered)
    await served.stop();
    expect(answered).toBe(true);
    await expect(pending).resolves.toEqual({ state: 'in_service', correlationId: 'slow' });
  });
});
