import type { Transaction } from '@libsql/client';

/**
 * A condition an append must meet at commit time, checked inside the writing transaction
 * (once per group for all appends that carry it). `check` resolves to the error to refuse
 * with, or null.
 */
export interface WriteGuard {
  check(tx: Pick<Transaction, 'execute'>): Promise<unknown>;
  /**
   * The guard as a SELECT that yields a row exactly when the write may go ahead: a remote group
   * checks it inside its one write batch (src/ledger/remote-commit.ts). Without it, a remote
   * group holding the guard is written in an interactive transaction.
   */
  holds?: string;
}

/** Check each distinct guard of a group once; reject (and return) the appends it refuses. */
export async function refusedByGuards<P extends { guard?: WriteGuard; reject(err: unknown): void }>(tx: Pick<Transaction, 'execute'>, group: P[]): Promise<P[]> {
  const guards = new Set(group.flatMap((p) => (p.guard ? [p.guard] : [])));
  const refused: P[] = [];
  for (const guard of guards) {
    const refusal = await guard.check(tx).catch((err: unknown) => err);
    if (!refusal) continue;
    for (const p of group) {
      if (p.guard !== guard) continue;
      p.reject(refusal);
      refused.push(p);
    }
  }
  return refused;
}
