/**
 * claim_score_periods (schema-derived.ts): claim_scores summed exactly per source and day and
 * per source and month, kept in the transaction that writes claim_scores; and the period sums
 * of the leaderboard read from them — whole months, whole days at the ends, and the rows of a
 * part-day at either edge — each proved equal to what SQLite's sum() over the period's rows
 * gives (src/domain/scoring/fixed-sum.ts), or else left to that sum.
 */
import type { Client, InStatement } from '@libsql/client';
import { absUnits, addFixedLimbs, LIMBS } from '../domain/scoring/fixed-sum.js';

/** A claim_scores row as the writer and the edges read it. */
export interface ScoreRowValues {
  sourceId: string;
  knownOn: string;
  baseline: number;
  peer: number;
  coverage: number;
}

/** An ISO instant as every score row and period bound is written (toISOString). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const VALUES = ['b', 'p', 'c'] as const;
const LIMB_COLUMNS = VALUES.flatMap((v) => Array.from({ length: LIMBS }, (_, k) => `${v}${k}`));
const COLUMNS = ['unit', 'start', 'source_id', 'n', 'big', ...LIMB_COLUMNS, 'ba', 'pa', 'ca'];

interface Parts {
  n: number;
  big: number;
  /** LIMB_COLUMNS then the three magnitude bounds. */
  sums: number[];
}

/** A bucket's key and its parts' changes. */
interface Bucket {
  key: [string, string, string];
  parts: Parts;
}

/** Add one row's parts (sign 1) or take them away (−1); a row not representable only counts in `big`. */
function addRow(p: Parts, r: ScoreRowValues, sign: number, odd: boolean): void {
  p.n += sign;
  const { baseline, peer, coverage } = r;
  if (odd || !(representable(baseline) && representable(peer) && representable(coverage))) {
    p.big += sign;
    return;
  }
  addFixedLimbs(baseline, sign, p.sums, 0);
  addFixedLimbs(peer, sign, p.sums, LIMBS);
  addFixedLimbs(coverage, sign, p.sums, 2 * LIMBS);
  p.sums[3 * LIMBS] = (p.sums[3 * LIMBS] as number) + sign * absUnits(baseline);
  p.sums[3 * LIMBS + 1] = (p.sums[3 * LIMBS + 1] as number) + sign * absUnits(peer);
  p.sums[3 * LIMBS + 2] = (p.sums[3 * LIMBS + 2] as number) + sign * absUnits(coverage);
}

const representable = (x: number) => Number.isFinite(x) && Math.abs(x) < 2 ** 52;

/** The changes of the buckets of these rows: day and month of each, or 'x' when known_on is not an ISO instant. */
function bucketChanges(removed: readonly ScoreRowValues[], added: readonly ScoreRowValues[]): Bucket[] {
  const buckets = new Map<string, Bucket>();
  const bucket = (unit: string, start: string, sourceId: string) => {
    const id = `${unit}${start}\u0000${sourceId}`;
    let b = buckets.get(id);
    if (!b) buckets.set(id, (b = { key: [unit, start, sourceId], parts: { n: 0, big: 0, sums: new Array<number>(3 * LIMBS + 3).fill(0) } }));
    return b.parts;
  };
  // The rows of a claim share their known_on: checked once per run of them.
  let lastKnownOn: string | null = null;
  let instant = false;
  const apply = (r: ScoreRowValues, sign: number) => {
    if (r.knownOn !== lastKnownOn) (lastKnownOn = r.knownOn), (instant = INSTANT.test(r.knownOn));
    if (!instant) return addRow(bucket('x', '', r.sourceId), r, sign, true);
    addRow(bucket('d', r.knownOn.slice(0, 10), r.sourceId), r, sign, false);
    addRow(bucket('m', r.knownOn.slice(0, 7), r.sourceId), r, sign, false);
  };
  for (const r of removed) apply(r, -1);
  for (const r of added) apply(r, 1);
  return [...buckets.values()].filter((b) => b.parts.n !== 0 || b.parts.big !== 0 || b.parts.sums.some((x) => x !== 0));
}

/**
 * The statements that take `removed` score rows out of claim_score_periods and put `added` in
 * (upserts adding each bucket's change, then deleting buckets left with no row). Write-only:
 * on a remote database they travel with the rest of the refresh.
 */
export function periodStatements(removed: readonly ScoreRowValues[], added: readonly ScoreRowValues[]): InStatement[] {
  const changed = bucketChanges(removed, added);
  if (changed.length === 0) return [];
  const out: InStatement[] = [];
  const per = Math.floor(30_000 / COLUMNS.length);
  const set = COLUMNS.slice(3).map((c) => `${c} = ${c} + excluded.${c}`).join(', ');
  const tuple = `(${COLUMNS.map(() => '?').join(', ')})`;
  for (let i = 0; i < changed.length; i += per) {
    const rows = changed.slice(i, i + per);
    out.push({
      sql: `INSERT INTO claim_score_periods (${COLUMNS.join(', ')}) VALUES ${rows.map(() => tuple).join(', ')} ON CONFLICT (unit, start, source_id) DO UPDATE SET ${set}`,
      args: rows.flatMap((b) => [...b.key, b.parts.n, b.parts.big, ...b.parts.sums]),
    });
  }
  for (let i = 0; i < changed.length; i += 10_000) {
    const rows = changed.slice(i, i + 10_000);
    out.push({ sql: `DELETE FROM claim_score_periods WHERE n = 0 AND (unit, start, source_id) IN (VALUES ${rows.map(() => '(?, ?, ?)').join(', ')})`, args: rows.flatMap((b) => b.key) });
  }
  return out;
}

/** Every bucket again from claim_scores (a database from before migration 0023, once), 100,000 rows at a time. */
export async function fillScorePeriods(tx: Pick<Client, 'execute' | 'batch'>): Promise<void> {
  await tx.execute('DELETE FROM claim_score_periods');
  for (let after = -1; ; ) {
    const rs = await tx.execute({ sql: 'SELECT rowid, source_id, known_on, baseline, peer, coverage FROM claim_scores WHERE rowid > ? ORDER BY rowid LIMIT 100000', args: [after] });
    if (rs.rows.length === 0) return;
    after = Number(rs.rows[rs.rows.length - 1]?.rowid);
    await tx.batch(periodStatements([], rs.rows.map(scoreRowValues)));
  }
}

/** A claim_scores row read with source_id, known_on, baseline, peer, coverage. */
export function scoreRowValues(r: Record<string, unknown>): ScoreRowValues {
  return { sourceId: String(r.source_id), knownOn: String(r.known_on), baseline: Number(r.baseline), peer: Number(r.peer), coverage: Number(r.coverage) };
}
