import { type PipeTransform } from '@nestjs/common';
import { CommonErrorCode, DomainError } from '@pronote/contracts';
import type { z } from 'zod';

/** Validates a body or a path parameter with a contract schema: VALIDATION_FAILED (400) naming each issue. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.infer<S> {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new DomainError(
      CommonErrorCode.VALIDATION_FAILED,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(value)'}: ${issue.message}`).join('; '),
      { issues: parsed.error.issues.map(({ path, code, message }) => ({ path: path.map(String), code, message })) },
    );
  }
}
