import { CommonErrorCode, DomainError } from '@pronote/contracts';
import { z } from 'zod';
import { toErrorReply, validationErrorReply } from './error-reply.js';

describe('error replies', () => {
  it('keeps the code, message and details of a domain error', () => {
    expect(toErrorReply(new DomainError('UAI_INVALID', 'bad UAI', { uai: 'x' }), 'c1')).toEqual({
      code: 'UAI_INVALID',
      message: 'bad UAI',
      correlationId: 'c1',
      details: { uai: 'x' },
    });
  });

  it('reveals nothing of an unexpected error', () => {
    expect(toErrorReply(new TypeError('secret detail'), 'c2')).toEqual({
      code: CommonErrorCode.INTERNAL,
      message: 'internal error',
      correlationId: 'c2',
    });
  });

  it('lists validation issues by path', () => {
    const result = z.object({ baseId: z.string() }).safeParse({ baseId: 1 });
    if (result.success) throw new Error('expected a failure');
    expect(validationErrorReply(result.error.issues, 'c3')).toMatchObject({
      code: CommonErrorCode.VALIDATION_FAILED,
      details: [{ path: ['baseId'], code: 'invalid_type' }],
    });
  });
});
