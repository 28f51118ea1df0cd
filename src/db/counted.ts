import type { InValue, Transaction } from '@libsql/client';
import { countForecast, type ForecastPoint } from '../domain/scoring/index.js';
import type { LedgerEvent } from '../domain/types.js';
import { toIsoInstant } from '../domain/dates.js';
import { multiRowInserts } from './write-ops.js';

type Exec = Pick<Transaction, 'execute' | 'batch'>;


/** Claims whose counted forecasts an event can change: resolutions, reopenings, retracted forecasts. */
export function claimsTouched(events: readonly LedgerEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.type === 'claim.resolved' || e.type === 'claim.reopened') ids.add(e.payload.claimId);
    else if (e.type === 'event.retracted' && e.payload.targetType === 'forecast') ids.add(e.payload.claimId);
  }
  return ids;
}

interface ClaimRow {
  kind: string;
  outcome: 0 | 1;
  knownOn: string;
  forecasts: Map<string, Array<ForecastPoint & { backfilled: boolean }>>;
}

async function loadClaims(tx: Exec, ids: string[]): Promise<Map<string, ClaimRow>> {
  const marks = ids.map(() => '?').join(',');
  const [claims, forecasts] = await tx.batch([
    { sql: `SELECT id, kind, status, known_on FROM claims WHERE id IN (${marks}) AND status IN ('confirmed', 'refuted')`, args: ids },
    { sql: `SELECT claim_id, source_id, seq, probability, made_at, backfilled FROM forecasts WHERE claim_id IN (${marks}) AND retracted_seq IS NULL`, args: ids },
  ]);
  const out = new Map<string, ClaimRow>();
  for (const r of claims?.rows ?? []) out.set(String(r.id), { kind: String(r.kind), outcome: r.status === 'confirmed' ? 1 : 0, knownOn: String(r.known_on), forecasts: new Map() });
  for (const r of forecasts?.rows ?? []) {
    const claim = out.get(String(r.claim_id));
    if (!claim) continue;
    const list = claim.forecasts.get(String(r.source_id)) ?? [];
    list.push({ seq: Number(r.seq), probability: Number(r.probability), madeAt: String(r.made_at), backfilled: Boolean(r.backfilled) });
    claim.forecasts.set(String(r.source_id), list);
  }
  return out;
}

type Point = ForecastPoint & { backfilled: boolean };

/** Both rules' counted forecast for one list of forecasts, or null when none came before knownOn. */
function countBoth(claimId: string, sourceId: string, c: ClaimRow, forecasts: Point[]) {
  const h = { sourceId, claimId, outcome: c.outcome, knownOn: c.knownOn, forecasts };
  const last = countForecast(h, 'last');
  const tw = countForecast(h, 'time-weighted');
  if (!last || !tw) return null;
  return { p_last: last.probability, brier_last: last.brier, log_last: last.logScore, p_tw: tw.probability, brier_tw: tw.brier, log_tw: tw.logScore };
}

/** Recompute the counted forecasts of these claims from the forecasts and resolutions tables. */
export async function refreshCounted(tx: Exec, claimIds: Iterable<string>, chunk = 500): Promise<void> {
  const all = [...claimIds];
  for (let i = 0; i < all.length; i += chunk) {
    const ids = all.slice(i, i + chunk);
    const claims = await loadClaims(tx, ids);
    const rows: Array<Record<string, InValue>> = [];
    for (const [claimId, c] of claims) {
      const common = { claim_id: claimId, kind: c.kind, known_on: toIsoInstant(c.knownOn) ?? c.knownOn, outcome: c.outcome };
      for (const [sourceId, points] of c.forecasts) {
        const both = countBoth(claimId, sourceId, c, points);
        if (!both) continue;
        const backfilled = points.filter((p) => p.backfilled).length;
        rows.push({ ...common, source_id: sourceId, variant: 'all', has_backfilled: backfilled > 0 ? 1 : 0, ...both });
        if (backfilled === 0 || backfilled === points.length) continue;
        const live = countBoth(claimId, sourceId, c, points.filter((p) => !p.backfilled));
        if (live) rows.push({ ...common, source_id: sourceId, variant: 'live', has_backfilled: 0, ...live });
      }
    }
    const marks = ids.map(() => '?').join(',');
    await tx.batch([{ sql: `DELETE FROM counted_forecasts WHERE claim_id IN (${marks})`, args: ids }, ...multiRowInserts('counted_forecasts', rows)]);
  }
}
