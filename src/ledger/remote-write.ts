/**
 * One remote group's write and what its failure means (src/ledger/remote-commit.ts decides the
 * group; this sends it). The write starts with a head check, so its outcome is a fact of the
 * chain: refused whole when another writer appended (LostRace), rolled back when one of its
 * statements fails (StorageFailure) or the server is busy (Busy), and, when the answer is lost,
 * readable afterwards from the chain (whereItStands).
 */
import type { Client, InStatement, ResultSet } from '@libsql/client';
import { LibsqlBatchError, LibsqlError } from '@libsql/client';
import type { LedgerEvent } from '../domain/types.js';
import { DeferringTx, HeldFailure } from './refresh.js';
import type { Head } from './view.js';

/** A batch statement that fails (refusing the whole batch) unless the chain head is `head`. */
export function headCheck(head: Head): InStatement {
  return {
    // json_extract with a path that is not one raises an error naming it: SQLite has no raise() outside triggers.
    sql: "SELECT CASE WHEN (SELECT hash FROM events ORDER BY seq DESC LIMIT 1) IS ? THEN 1 ELSE json_extract('{}', 'the chain head moved') END",
    args: [head.seq === 0 ? null : head.hash],
  };
}

/** A batch statement that fails unless a write guard's condition (a SELECT yielding a row) holds. */
export function guardCheck(holds: string): InStatement {
  return `SELECT CASE WHEN EXISTS (${holds}) THEN 1 ELSE json_extract('{}', 'a write guard no longer holds') END`;
}

/** Refreshes after the group's rows; `after`: reads sent with the commit, given to `took`. */
export interface Refresh {
  run(tx: DeferringTx): Promise<void>;
  after: InStatement[];
  took(results: ResultSet[]): void;
}

/** The head check (or a guard's) refused the write: another writer got in first. */
export class LostRace extends Error {}

/**
 * The server answered that the database was busy at the batch's BEGIN or COMMIT (another
 * connection held the write lock past its busy timeout). @libsql/client runs each statement of
 * a batch only if the one before succeeded, and rolls back after a failed COMMIT: nothing of the
 * group was written, so it can be tried again like a lost race.
 */
export class Busy extends Error {}

/** An error answered by the server's SQLite: busy or locked (not a lost connection). */
function busy(err: unknown): boolean {
  if (!(err instanceof LibsqlError)) return false;
  return [err.code, err.extendedCode].some((c) => typeof c === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(c));
}

/** A statement of the group's write failed, and the database rolled the group back. */
export class StorageFailure extends Error {
  constructor(readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** The checks, rows and commit in one request. */
export async function writeBatch(client: Client, checks: InStatement[], writes: InStatement[]): Promise<void> {
  try {
    await client.batch([...checks, ...writes], 'write');
  } catch (err) {
    if (err instanceof LibsqlBatchError) throw err.statementIndex < checks.length ? new LostRace() : new StorageFailure(err);
    if (busy(err)) throw new Busy();
    throw err;
  }
}

/**
 * An interactive transaction: the checks and rows travel with the refreshes' first read, each
 * later read carries the writes made since, and the last writes carry the COMMIT.
 */
export async function writeInteractive(client: Client, checks: InStatement[], writes: InStatement[], refresh: Refresh): Promise<void> {
  const tx = await client.transaction('write');
  try {
    const deferring = new DeferringTx(tx, [...checks, ...writes], checks.length);
    await refresh.run(deferring);
    refresh.took(await deferring.commit(refresh.after));
  } catch (err) {
    await tx.rollback().catch(() => undefined);
    if (err instanceof HeldFailure && err.what === 'check') throw new LostRace();
    if (err instanceof HeldFailure && err.what === 'statement') throw new StorageFailure(err.cause);
    throw err instanceof HeldFailure ? err.cause : err;
  } finally {
    tx.close();
  }
}

/**
 * Where a group stands, its write having gone unanswered, told by its first event (none: there
 * was nothing to write, so nothing can have landed wrongly): `landed` (it is on the chain, so
 * all of the group is), `overtaken` (another event holds its sequence number: the chain has
 * moved past the head the write checks for and never comes back to it, so the write can never
 * land), or `unknown` (nothing there yet, or the chain could not be read: the write may still
 * land, so it is neither acknowledged nor tried again). `replica`: sync the file first.
 */
export async function whereItStands(client: Client, first: LedgerEvent | undefined, replica: boolean): Promise<'landed' | 'overtaken' | 'unknown'> {
  if (!first) return 'landed';
  try {
    if (replica) await client.sync();
    const rs = await client.execute({ sql: 'SELECT hash FROM events WHERE seq = ?', args: [first.seq] });
    const hash = rs.rows[0]?.[0];
    return hash === undefined ? 'unknown' : hash === first.hash ? 'landed' : 'overtaken';
  } catch {
    return 'unknown';
  }
}
