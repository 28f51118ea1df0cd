/**
 * What the due feeds read: open claims with a due date (deadline or check-by), and the latest
 * resolutions. Each is one index range (claims_due_idx, the resolutions' primary key).
 */
import type { Client } from '@libsql/client';
import { clientRows, type ReadRows, type ReadStatement } from './fast-read.js';

export type { DueClaim as DueClaimRow, Resolution as ResolutionRow } from '../domain/feeds/due-entries.js';
import type { DueClaim as DueClaimRow, Resolution as ResolutionRow } from '../domain/feeds/due-entries.js';

const CLAIM_SELECT = `SELECT c.id, c.kind, c.title, c.statement, c.resolution_criteria, c.deadline, c.check_by, c.due_at, e.recorded_at
  FROM claims c JOIN events e ON e.seq = c.updated_seq`;

const text = (v: unknown) => (v === null ? null : String(v));

/** Open claims due in [from, to) (ISO text compared as stored), latest first when `newest`. */
export function openClaimsDueStatement(opts: { from?: string; to?: string; limit: number; newest?: boolean }): ReadStatement {
  const where = ["c.status = 'open'", 'c.due_at IS NOT NULL'];
  const args: Array<string | number> = [];
  if (opts.from !== undefined) where.push('c.due_at >= ?'), args.push(opts.from);
  if (opts.to !== undefined) where.push('c.due_at < ?'), args.push(opts.to);
  return { sql: `${CLAIM_SELECT} WHERE ${where.join(' AND ')} ORDER BY c.due_at ${opts.newest ? 'DESC' : 'ASC'}, c.created_seq LIMIT ?`, args: [...args, opts.limit] };
}

/** The claims from openClaimsDueStatement's rows. */
export function dueClaimsOf(read: unknown[][]): DueClaimRow[] {
  return read.map(([id, kind, title, statement, criteria, deadline, checkBy, dueAt, recordedAt]) => ({
    id: String(id),
    kind: String(kind) as DueClaimRow['kind'],
    title: String(title),
    statement: String(statement),
    resolutionCriteria: String(criteria),
    deadline: text(deadline),
    checkBy: text(checkBy),
    dueAt: String(dueAt),
    changedAt: String(recordedAt),
  }));
}

/** Open claims due in [from, to), as openClaimsDueStatement reads them. */
export async function openClaimsDue(client: Client, opts: { from?: string; to?: string; limit: number; newest?: boolean }, rows: ReadRows = clientRows(client)): Promise<DueClaimRow[]> {
  const { sql, args } = openClaimsDueStatement(opts);
  return dueClaimsOf(await rows(sql, args));
}

/** The latest resolutions, newest first (a reopened one too: it was a resolution when it was made). */
export function latestResolutionsStatement(limit: number): ReadStatement {
  return { sql: 'SELECT r.seq, r.claim_id, c.title, r.outcome, r.known_on, r.note, r.recorded_at FROM resolutions r JOIN claims c ON c.id = r.claim_id ORDER BY r.seq DESC LIMIT ?', args: [limit] };
}

/** The resolutions from latestResolutionsStatement's rows. */
export function resolutionsOf(read: unknown[][]): ResolutionRow[] {
  return read.map(([seq, claimId, title, outcome, knownOn, note, recordedAt]) => ({ seq: Number(seq), claimId: String(claimId), title: String(title), outcome: String(outcome), knownOn: String(knownOn), note: text(note), recordedAt: String(recordedAt) }));
}

export async function latestResolutions(client: Client, limit: number, rows: ReadRows = clientRows(client)): Promise<ResolutionRow[]> {
  const { sql, args } = latestResolutionsStatement(limit);
  return resolutionsOf(await rows(sql, args));
}
