import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, Transaction } from '@libsql/client';
import { openDatabase, type Database } from '../db/client.js';
import { eventPages } from '../db/queries.js';
import { projectEvent } from '../db/projection.js';
import { PROJECTION_TABLES } from '../db/schema.js';
import { writeStatements } from '../db/write-ops.js';
import { refreshCounted } from '../db/counted.js';
import { refreshClaimScores, refreshScoreTotals } from '../db/claim-scores.js';
import { refreshAnalytics } from '../db/analytics.js';

/** Every projection table, children first, for clearing. */
const CLEAR_ORDER = [...PROJECTION_TABLES].reverse();

/** Clear the projections and project every event again, inside the given transaction. */
export async function reproject(tx: Transaction, pageSize = 5000, between?: () => Promise<void>): Promise<number> {
  // Rows outside the ledger (API tokens) point at sources: let them dangle until the sources
  // are projected again, checking foreign keys at commit (the pragma ends with the transaction).
  await tx.execute('PRAGMA defer_foreign_keys = ON');
  // Emptied first: their triggers on counted_forecasts then find nothing to subtract (migrations 0017, 0019).
  for (const t of ['calibration_groups', 'source_forecast_totals']) await tx.execute(`DELETE FROM ${t}`);
  await tx.execute('DELETE FROM counted_forecasts');
  for (const t of ['source_score_totals', 'claim_score_periods', 'claim_scores', 'claim_crowd_scores']) await tx.execute(`DELETE FROM ${t}`);
  for (const t of ['analytics_counts', 'allegation_entries', 'claim_analytics']) await tx.execute(`DELETE FROM ${t}`);
  // Filled by triggers as forecasts, stances and counted forecasts are projected again (migrations 0015, 0017).
  for (const t of ['source_claims', 'source_stance_totals', 'calibration_groups']) await tx.execute(`DELETE FROM ${t}`);
  for (const table of CLEAR_ORDER) await tx.execute(`DELETE FROM ${table}`);
  let count = 0;
  for await (const events of eventPages(tx, pageSize)) {
    await tx.batch(writeStatements(events, events.map(projectEvent), false));
    count += events.length;
    await between?.();
  }
  const resolved = await tx.execute("SELECT id FROM claims WHERE status IN ('confirmed', 'refuted', 'resolved')");
  await refreshCounted(tx, resolved.rows.map((r) => String(r.id)));
  await refreshScoreTotals(tx, await refreshClaimScores(tx, resolved.rows.map((r) => String(r.id))));
  await refreshAnalytics(tx, (await tx.execute('SELECT id FROM claims ORDER BY created_seq')).rows.map((r) => String(r[0])));
  // Servers cache what they read from the projections per projection epoch: a rebuild drops it.
  await tx.execute('INSERT INTO projection_epoch (id, epoch) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET epoch = epoch + 1');
  return count;
}

/** Rebuild every projection from the events alone, in one transaction. */
export async function rebuildProjections(client: Client): Promise<number> {
  const tx = await client.transaction('write');
  try {
    const n = await reproject(tx);
    await tx.commit();
    return n;
  } finally {
    tx.close();
  }
}

const SNAPSHOT_QUERIES: Record<string, string> = {
  sources: 'SELECT * FROM sources ORDER BY id',
  claims: 'SELECT * FROM claims ORDER BY id',
  claim_revisions: 'SELECT * FROM claim_revisions ORDER BY claim_id, revision',
  claim_tags: 'SELECT * FROM claim_tags ORDER BY tag, created_seq',
  source_claims: 'SELECT * FROM source_claims ORDER BY source_id, created_seq',
  claims_fts: 'SELECT rowid, * FROM claims_fts ORDER BY rowid',
  forecasts: 'SELECT * FROM forecasts ORDER BY seq',
  question_forecasts: 'SELECT * FROM question_forecasts ORDER BY seq',
  stances: 'SELECT * FROM stances ORDER BY id',
  evidence: 'SELECT * FROM evidence ORDER BY id',
  resolutions: 'SELECT * FROM resolutions ORDER BY seq',
  counted_forecasts: 'SELECT * FROM counted_forecasts ORDER BY claim_id, source_id, variant',
  claim_scores: 'SELECT * FROM claim_scores ORDER BY claim_id, source_id',
  claim_crowd_scores: 'SELECT * FROM claim_crowd_scores ORDER BY claim_id',
  source_score_totals: 'SELECT * FROM source_score_totals ORDER BY source_id',
  claim_score_periods: 'SELECT * FROM claim_score_periods ORDER BY unit, start, source_id',
  source_forecast_totals: 'SELECT * FROM source_forecast_totals ORDER BY source_id',
  source_stance_totals: 'SELECT * FROM source_stance_totals ORDER BY source_id',
  calibration_groups: 'SELECT * FROM calibration_groups ORDER BY scope, key, rule, mode, probability',
  claim_analytics: 'SELECT * FROM claim_analytics ORDER BY claim_id',
  allegation_entries: 'SELECT * FROM allegation_entries ORDER BY claim_id, source_id, stance',
  analytics_counts: 'SELECT * FROM analytics_counts ORDER BY scope, key, stance, outcome, day',
};

/** Every projection row, as JSON text per table, for comparing two states. */
export async function snapshotProjections(db: Pick<Client, 'execute'> | Pick<Transaction, 'execute'>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [table, sql] of Object.entries(SNAPSHOT_QUERIES)) {
    const rs = await db.execute(sql);
    out[table] = JSON.stringify(rs.rows.map((r) => rs.columns.map((c) => r[c] ?? null)));
  }
  return out;
}

/**
 * Name the tables whose live rows differ from what the ledger says they should be. Nothing is
 * written to the live database and it holds no write lock: the events and the live rows are
 * read in one read transaction (one consistent snapshot, while writers go on), and the
 * projections are rebuilt from those events, by the same `reproject`, in a scratch database
 * in a temp directory, removed afterwards. `between` runs after each page (a long check
 * yields there to other work).
 */
export async function checkProjections(client: Client, between?: () => Promise<void>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'reckon-projection-check-'));
  const live = await client.transaction('read');
  let scratch: Database | undefined;
  try {
    const liveRows = await snapshotProjections(live);
    scratch = await openDatabase({ url: `file:${join(dir, 'scratch.db')}`, durability: 'normal' });
    const tx = await scratch.client.transaction('write');
    try {
      for await (const events of eventPages(live, 1000)) {
        await tx.batch(writeStatements(events, [], true));
        await between?.();
      }
      await reproject(tx, 1000, between);
      const rebuilt = await snapshotProjections(tx);
      return Object.keys(liveRows).filter((t) => liveRows[t] !== rebuilt[t]);
    } finally {
      await tx.rollback().catch(() => undefined);
      tx.close();
    }
  } finally {
    await live.rollback().catch(() => undefined);
    live.close();
    scratch?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
