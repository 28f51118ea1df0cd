/**
 * How the claim list applies a filter that may match few or many claims: chosen by a bounded
 * look at the filter's own index, and remembered for a while.
 */
import type { Client } from '@libsql/client';
import type { Db, Where } from './claim-list-sql.js';

/**
 * `walk`: follow the list's order and test each claim (an index probe), which stops after a
 * page when matches are common; `list`: collect the matching claims from the filter's own
 * index and sort them, which costs what they number. For a source: `walk` tests its
 * forecasts by probe and its stances (usually few) against their list; `walk-all` probes both.
 */
export type Strategy = 'walk' | 'walk-all' | 'list';

/** What a page query knows before it is written: the search, the strategies chosen, and `now`. */
export interface Plan {
  match?: string;
  /** Many claims may match the search (walk in the list's order, testing each), rather than few (list them and sort). */
  matchDrives?: boolean;
  source?: Strategy;
  due?: Strategy;
  now: string;
}

/**
 * Strategies chosen lately, per database client, for ten seconds: they decide only how a page
 * is found, never what it holds, so one a little out of date costs time at most.
 */
const strategies = new WeakMap<Client, Map<string, { strategy: Strategy; until: number }>>();
async function chosen(db: Db, key: string, choose: () => Promise<Strategy>): Promise<Strategy> {
  let known = strategies.get(db.client);
  if (!known) strategies.set(db.client, (known = new Map()));
  const hit = known.get(key);
  const now = Date.now();
  if (hit && hit.until > now) return hit.strategy;
  const strategy = await choose();
  if (known.size > 10_000) known.clear();
  known.set(key, { strategy, until: now + 10_000 });
  return strategy;
}

/**
 * From a bounded sample of the source's rows: the distinct claims among its first 512 yes/no
 * forecasts, its first 512 forecasts of the other question types (question_forecasts, issue 17:
 * a claim asks one question, so the two never share a claim) and its first 512 stances. On 400
 * claims or more the source is walked (`walk-all` when it has 512 stances or more), else listed.
 */
export function sourceStrategy(db: Db, source: string): Promise<Strategy> {
  return chosen(db, `source|${source}`, async () => {
    const [r] = await db.rows(
      `SELECT (SELECT count(DISTINCT claim_id) FROM (SELECT claim_id FROM forecasts WHERE source_id = ?1 LIMIT 512)),
        (SELECT count(DISTINCT claim_id) FROM (SELECT claim_id FROM question_forecasts WHERE source_id = ?1 LIMIT 512)),
        (SELECT count(DISTINCT claim_id) FROM (SELECT claim_id FROM stances WHERE source_id = ?1 LIMIT 512)),
        (SELECT count(*) FROM (SELECT 1 FROM stances WHERE source_id = ?1 LIMIT 512))`,
      [source],
    );
    const [forecastClaims, questionClaims, stanceClaims, stances] = (r ?? []).map(Number);
    if ((forecastClaims ?? 0) + (questionClaims ?? 0) + (stanceClaims ?? 0) < 400) return 'list';
    return (stances ?? 0) < 512 ? 'walk' : 'walk-all';
  });
}

export const DUE_SQL = { passed: 'due_at < ?', upcoming: 'due_at >= ?' } as const;

/** A tag on many claims (512 or more) is walked in the list's order; one on few is listed and sorted. */
export function tagStrategy(db: Db, tag: string): Promise<Strategy> {
  return chosen(db, `tag|${tag}`, async () => {
    const [r] = await db.rows('SELECT count(*) FROM (SELECT 1 FROM claim_tags WHERE tag = ? LIMIT 512)', [tag]);
    return Number(r?.[0] ?? 0) >= 512 ? 'walk' : 'list';
  });
}

/** A due filter matching many claims (512 or more) is walked in the list's order; one matching few is listed from claims_due_idx and sorted. */
export function dueStrategy(db: Db, due: 'passed' | 'upcoming', now: string): Promise<Strategy> {
  return chosen(db, `due|${due}`, async () => {
    const [r] = await db.rows(`SELECT count(*) FROM (SELECT 1 FROM claims WHERE ${DUE_SQL[due]} LIMIT 512)`, [now]);
    return Number(r?.[0] ?? 0) >= 512 ? 'walk' : 'list';
  });
}

/**
 * The claims the source forecast (yes/no forecasts, or those of the other question types in
 * question_forecasts, issue 17) or took a stance on (retracted ones too).
 */
export function sourceFilter(w: Where, source: string, strategy: Strategy): void {
  const forecast = 'EXISTS (SELECT 1 FROM forecasts WHERE source_id = ? AND claim_id = c.id) OR EXISTS (SELECT 1 FROM question_forecasts WHERE source_id = ? AND claim_id = c.id)';
  if (strategy === 'walk') w.add(`(${forecast} OR c.id IN (SELECT claim_id FROM stances WHERE source_id = ?))`, source, source, source);
  else if (strategy === 'walk-all') w.add(`(${forecast} OR EXISTS (SELECT 1 FROM stances WHERE source_id = ? AND claim_id = c.id))`, source, source, source);
  else w.add('c.id IN (SELECT claim_id FROM forecasts WHERE source_id = ? UNION SELECT claim_id FROM question_forecasts WHERE source_id = ? UNION SELECT claim_id FROM stances WHERE source_id = ?)', source, source, source);
}
