/**
 * What the due feeds read: open claims with a due date (deadline or check-by), and the latest
 * resolutions. Each is one index range (claims_due_idx, the resolutions' primary key).
 */
import type { Client } from '@libsql/client';

export type { DueClaim as DueClaimRow, Resolution as ResolutionRow } from '../domain/feeds/due-entries.js';
import type { DueClaim as DueClaimRow, Resolution as ResolutionRow } from '../domain/feeds/due-entries.js';

const CLAIM_SELECT = `SELECT c.id, c.kind, c.title, c.statement, c.resolution_criteria, c.deadline, c.check_by, c.due_at, e.recorded_at
  FROM claims c JOIN events e ON e.seq = c.updated_seq`;

function claimRow(r: Record<string, unknown>): DueClaimRow {
  return {
    id: String(r.id),
    kind: String(r.kind) as DueClaimRow['kind'],
    title: String(r.title),
    statement: String(r.statement),
    resolutionCriteria: String(r.resolution_criteria),
    deadline: r.deadline === null ? null : String(r.deadline),
    checkBy: r.check_by === null ? null : String(r.check_by),
    dueAt: String(r.due_at),
    changedAt: String(r.recorded_at),
  };
}

/** Open claims due in [from, to) (ISO text compared as stored), latest first when `newest`. */
export async function openClaimsDue(client: Client, opts: { from?: string; to?: string; limit: number; newest?: boolean }): Promise<DueClaimRow[]> {
  const where = ["c.status = 'open'", 'c.due_at IS NOT NULL'];
  const args: string[] = [];
  if (opts.from !== undefined) {
    where.push('c.due_at >= ?');
    args.push(opts.from);
  }
  if (opts.to !== undefined) {
    where.push('c.due_at < ?');
    args.push(opts.to);
  }
  const rs = await client.execute({ sql: `${CLAIM_SELECT} WHERE ${where.join(' AND ')} ORDER BY c.due_at ${opts.newest ? 'DESC' : 'ASC'}, c.created_seq LIMIT ?`, args: [...args, opts.limit] });
  return rs.rows.map((r) => claimRow(r as unknown as Record<string, unknown>));
}

/** The latest resolutions, newest first (a reopened one too: it was a resolution when it was made). */
export async function latestResolutions(client: Client, limit: number): Promise<ResolutionRow[]> {
  const rs = await client.execute({
    sql: 'SELECT r.seq, r.claim_id, c.title, r.outcome, r.known_on, r.note, r.recorded_at FROM resolutions r JOIN claims c ON c.id = r.claim_id ORDER BY r.seq DESC LIMIT ?',
    args: [limit],
  });
  return rs.rows.map((r) => ({ seq: Number(r.seq), claimId: String(r.claim_id), title: String(r.title), outcome: String(r.outcome), knownOn: String(r.known_on), note: r.note === null ? null : String(r.note), recordedAt: String(r.recorded_at) }));
}
