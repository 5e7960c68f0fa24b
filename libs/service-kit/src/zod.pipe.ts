import { type PipeTransform } from '@nestjs/common';
import { CommonErrorCode, DomainError } from '@pronote/contracts';
import type { z } from 'zod';

/** Validates a body, query or param with the contract's own schema: the first edge that refuses bad input. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    throw new DomainError(
      CommonErrorCode.VALIDATION_FAILED,
      'the request does not match the expected shape',
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message, code: issue.code })),
    );
  }
}
