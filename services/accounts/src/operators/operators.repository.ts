import { Inject, Injectable } from '@nestjs/common';
import { isUniqueViolation } from '@pronote/db';
import { PRISMA } from '@pronote/service-kit';
import type { PrismaClient } from '../generated/prisma/client.js';

export interface OperatorRecord {
  id: string;
  email: string;
  passwordHash: string;
  disabled: boolean;
}

@Injectable()
export class OperatorsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async findByEmail(email: string): Promise<OperatorRecord | null> {
    return this.prisma.operator.findUnique({ where: { email } });
  }

  /** Creates the operator unless one has that e-mail already (several replicas may start together). */
  async createIfMissing(operator: Omit<OperatorRecord, 'disabled'>): Promise<boolean> {
    try {
      await this.prisma.operator.create({ data: operator });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
}
