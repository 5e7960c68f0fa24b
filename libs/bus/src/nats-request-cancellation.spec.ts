import { ErrorCode, NatsError } from 'nats';
import { buildCancellationsWithoutStack } from './nats-request-cancellation.js';

const frames = (error: Error) => (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at ')).length;

describe('request cancellations without a stack (nats.js builds one per completed request)', () => {
  it('builds the Cancelled error without stack frames, every other error with its stack, and keeps the stack limit', () => {
    const limit = Error.stackTraceLimit;
    const before = NatsError.errorForCode(ErrorCode.Cancelled);
    expect(frames(before)).toBeGreaterThan(0);

    buildCancellationsWithoutStack();

    const cancelled = NatsError.errorForCode(ErrorCode.Cancelled);
    expect(cancelled).toBeInstanceOf(NatsError);
    expect(cancelled).toMatchObject({ code: ErrorCode.Cancelled, message: before.message });
    expect(frames(cancelled)).toBe(0);
    const timeout = NatsError.errorForCode(ErrorCode.Timeout, new Error('cause'));
    expect(timeout).toMatchObject({ code: ErrorCode.Timeout, chainedError: new Error('cause') });
    expect(frames(timeout)).toBeGreaterThan(0);
    expect(Error.stackTraceLimit).toBe(limit);
  });

  it('installs once', () => {
    buildCancellationsWithoutStack();
    const installed = NatsError.errorForCode;
    buildCancellationsWithoutStack();
    expect(NatsError.errorForCode).toBe(installed);
  });
});
