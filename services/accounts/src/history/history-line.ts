import { randomUUID } from 'node:crypto';

/** One line of an account's history: written in the same transaction as the change it records. Never holds a secret. */
export interface HistoryLine {
  id: string;
  accountId: string;
  action: string;
  details: Record<string, string | number | boolean | null>;
}

export function historyLine(accountId: string, action: string, details: HistoryLine['details'] = {}): HistoryLine {
  return { id: randomUUID(), accountId, action, details };
}
