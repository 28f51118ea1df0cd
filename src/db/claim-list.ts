import type { Client, InValue, Row } from '@libsql/client';

export const CLAIM_SORTS = ['newest', 'oldest', 'deadline'] as const;
export type ClaimSort = (typeof CLAIM_SORTS)[number];

export interface ClaimFilters {
  kind?: string;
  status?: string;
  tag?: string;
  source?: string;
  q?: string;
  /** `passed`: the deadline or check-by date lies before `now`; `upcoming`: at or after it. */
  due?: 'passed' | 'upcoming';
  sort?: ClaimSort;
  cursor?: string;
  limit: number;
  now?: string;
}

interface CursorValue {
  s: number;
  d?: string | null;
}

export class CursorError extends Error {}

export function encodeCursor(v: CursorValue): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

function decodeCursor(text: string): CursorValue {
  try {
    const v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as CursorValue;
    if (typeof v.s === 'number' && Number.isInteger(v.s) && (v.d === undefined || v.d === null || typeof v.d === 'string')) return v;
  } catch {
    /* fall through */
  }
  throw new CursorError('cursor is not one this server issued');
}

/**
 * Full-text query for FTS5: each word becomes a quoted prefix term, all must match, so user
 * text can never be read as FTS syntax.
 */
export function ftsQuery(q: string): string | null {
  const words = q.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.slice(0, 20).map((w) => `"${w}"*`).join(' ');
}

function keyset(sort: ClaimSort, c: CursorValue): { sql: string; args: InValue[] } {
  if (sort === 'newest') return { sql: 'c.created_seq < ?', args: [c.s] };
  if (sort === 'oldest') return { sql: 'c.created_seq > ?', args: [c.s] };
  if (c.d === null || c.d === undefined) return { sql: 'c.due_at IS NULL AND c.created_seq > ?', args: [c.s] };
  return { sql: '(c.due_at IS NULL OR c.due_at > ? OR (c.due_at = ? AND c.created_seq > ?))', args: [c.d, c.d, c.s] };
}

const ORDER: Record<ClaimSort, string> = {
  newest: 'c.created_seq DESC',
  oldest: 'c.created_seq ASC',
  deadline: 'c.due_at IS NULL, c.due_at ASC, c.created_seq ASC',
};

/** One page of claims, keyset-paged (no OFFSET), every filter served by an index. */
export async function listClaimRows(client: Client, f: ClaimFilters): Promise<{ rows: Row[]; nextCursor: string | null }> {
  const sort = f.sort ?? 'newest';
  const where: string[] = [];
  const args: InValue[] = [];
  const add = (sql: string, ...a: InValue[]) => {
    where.push(sql);
    args.push(...a);
  };
  if (f.kind) add('c.kind = ?', f.kind);
  if (f.status) add('c.status = ?', f.status);
  if (f.tag) add('c.created_seq IN (SELECT created_seq FROM claim_tags WHERE tag = ?)', f.tag);
  if (f.source) add('c.id IN (SELECT claim_id FROM forecasts WHERE source_id = ? UNION SELECT claim_id FROM stances WHERE source_id = ?)', f.source, f.source);
  if (f.q !== undefined) add('c.created_seq IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)', ftsQuery(f.q) ?? '""');
  const now = f.now ?? new Date().toISOString();
  if (f.due === 'passed') add('c.due_at < ?', now);
  if (f.due === 'upcoming') add('c.due_at >= ?', now);
  if (f.cursor) {
    const k = keyset(sort, decodeCursor(f.cursor));
    add(k.sql, ...k.args);
  }
  const sql = `SELECT c.*, r.outcome AS r_outcome, r.known_on AS r_known_on, r.note AS r_note, r.evidence_ids AS r_evidence_ids, r.recorded_at AS r_recorded_at
    FROM claims c LEFT JOIN resolutions r ON r.seq = c.resolution_seq ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${ORDER[sort]} LIMIT ?`;
  const rs = await client.execute({ sql, args: [...args, f.limit + 1] });
  const rows = rs.rows.slice(0, f.limit);
  const last = rows[rows.length - 1];
  const nextCursor =
    rs.rows.length > f.limit && last ? encodeCursor({ s: Number(last.created_seq), ...(sort === 'deadline' ? { d: last.due_at === null ? null : String(last.due_at) } : {}) }) : null;
  return { rows, nextCursor };
}

/** Latest standing (not retracted) forecast of each source, and stance tallies, for a page of claims. */
export async function claimSummaries(client: Client, ids: string[]) {
  const forecasts = new Map<string, Array<{ sourceId: string; probability: number; madeAt: string }>>();
  const tallies = new Map<string, { asserts: number; denies: number }>();
  if (ids.length === 0) return { forecasts, tallies };
  const marks = ids.map(() => '?').join(',');
  const [fs, ss] = await client.batch(
    [
      {
        sql: `SELECT claim_id, source_id, probability, made_at FROM (
          SELECT claim_id, source_id, probability, made_at,
            row_number() OVER (PARTITION BY claim_id, source_id ORDER BY made_at DESC, seq DESC) AS rn
          FROM forecasts WHERE claim_id IN (${marks}) AND retracted_seq IS NULL) WHERE rn = 1 ORDER BY source_id`,
        args: ids,
      },
      {
        sql: `SELECT claim_id, sum(stance = 'asserts') AS asserts, sum(stance = 'denies') AS denies
          FROM stances WHERE claim_id IN (${marks}) AND retracted_seq IS NULL GROUP BY claim_id`,
        args: ids,
      },
    ],
    'read',
  );
  for (const r of fs?.rows ?? []) {
    const list = forecasts.get(String(r.claim_id)) ?? [];
    list.push({ sourceId: String(r.source_id), probability: Number(r.probability), madeAt: String(r.made_at) });
    forecasts.set(String(r.claim_id), list);
  }
  for (const r of ss?.rows ?? []) tallies.set(String(r.claim_id), { asserts: Number(r.asserts), denies: Number(r.denies) });
  return { forecasts, tallies };
}

const optional = (v: unknown) => (v === null || v === undefined ? undefined : String(v));

/** A claims row (joined with its current resolution as r_*) as the API's Claim. */
export function claimFromRow(r: Row) {
  return {
    id: String(r.id),
    kind: String(r.kind) as 'prediction' | 'allegation',
    title: String(r.title),
    statement: String(r.statement),
    resolutionCriteria: String(r.resolution_criteria),
    ...(r.details !== null ? { details: String(r.details) } : {}),
    tags: JSON.parse(String(r.tags)) as string[],
    ...(r.deadline !== null ? { deadline: String(r.deadline) } : {}),
    ...(r.check_by !== null ? { checkBy: String(r.check_by) } : {}),
    ...(r.opened_at !== null ? { openedAt: String(r.opened_at) } : {}),
    status: String(r.status) as 'open' | 'confirmed' | 'refuted' | 'annulled' | 'unresolvable',
    revision: Number(r.revision),
    editedAfterForecasts: Boolean(r.edited_after_forecasts),
    createdAt: String(r.created_at),
    resolution:
      r.resolution_seq === null || r.r_outcome === null || r.r_outcome === undefined
        ? null
        : {
            seq: Number(r.resolution_seq),
            outcome: String(r.r_outcome) as 'confirmed' | 'refuted' | 'annulled' | 'unresolvable',
            knownOn: String(r.r_known_on),
            ...(optional(r.r_note) !== undefined ? { note: String(r.r_note) } : {}),
            evidenceIds: JSON.parse(String(r.r_evidence_ids)) as string[],
            recordedAt: String(r.r_recorded_at),
          },
  };
}
