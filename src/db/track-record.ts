import type { Client } from '@libsql/client';
import type { Database } from './client.js';
import { readRows, type ReadTarget } from './fast-read.js';
import { forecastScoresOf, forecastTermsStatement, SCORING_VERSION, scoringVersionOf, stancesOf, stancesStatement, type SourceForecastScores } from './scoring-queries.js';
import { trackRecord, type Rule } from '../domain/scoring/index.js';

/**
 * How a source held up (`GET /api/sources/{id}/track-record`, `reckon track-record`): its
 * stances right, wrong and pending with accuracy, and the scores of its counted forecasts;
 * null when there is no such source.
 *
 * One state of the database: the source, its stances (with their claims' statuses) and the
 * scoring version are read in one snapshot; the forecast scores are those of that scoring
 * version (kept per version, or read with the version again and used only if it is still the
 * same) — so a resolution landing meanwhile never shows in the stances and not in the scores.
 */
export async function sourceTrackRecord(db: Database, id: string, rule: 'last' | 'time-weighted') {
  const rows = readRows(db);
  for (;;) {
    const [source, stanceRows, version] = await rows.batch([{ sql: 'SELECT 1 FROM sources WHERE id = ?', args: [id] }, stancesStatement(id), SCORING_VERSION]);
    if (!source?.length) return null;
    const forecasts = await forecastScoresAt(db, id, rule, scoringVersionOf(version ?? []));
    // The scoring moved on since the stances were read: read them again with it.
    if (forecasts) return recordOf(id, stancesOf(stanceRows ?? []), forecasts);
  }
}

function recordOf(id: string, stances: ReturnType<typeof stancesOf>, forecasts: SourceForecastScores) {
  const record = trackRecord(stances);
  const verdict = (s: (typeof stances)[number]) => {
    if (s.retracted || s.status === 'annulled' || s.status === 'unresolvable') return 'not-scored' as const;
    if (s.status === 'open') return 'pending' as const;
    return (s.stance === 'asserts') === (s.status === 'confirmed') ? ('right' as const) : ('wrong' as const);
  };
  return {
    sourceId: id,
    stances: record.stances,
    accuracy: record.accuracy,
    accuracyInterval: record.accuracyInterval,
    forecasts: { ...forecasts },
    statedConfidence: record.statedConfidence,
    stanceItems: stances.map((s) => ({ seq: s.seq, claimId: s.claimId, claimTitle: s.claimTitle, stance: s.stance, date: s.date, status: s.status, verdict: verdict(s), retracted: s.retracted })),
  };
}

/** Per database client: `source|rule` → its forecast scores (or their reading, under way), for one scoring version. */
const scoresCache = new WeakMap<Client, { version: string; scores: Map<string, Promise<SourceForecastScores | null>> }>();

/**
 * A source's forecast scores (from its own counted rows, each carrying its claim's crowd term)
 * at this scoring version, computed once per source and rule for each version (a prolific
 * source's rows take tens of milliseconds to read; the version, microseconds); null when the
 * database is no longer at that version.
 */
async function forecastScoresAt(target: ReadTarget, sourceId: string, rule: Rule, version: string): Promise<SourceForecastScores | null> {
  const { client } = target;
  let cache = scoresCache.get(client);
  if (!cache || cache.version !== version || cache.scores.size >= 10_000) scoresCache.set(client, (cache = { version, scores: new Map() }));
  const key = `${sourceId}|${rule}`;
  let scores = cache.scores.get(key);
  if (!scores) {
    const entries = cache.scores;
    scores = readRows(target)
      .batch([SCORING_VERSION, forecastTermsStatement(sourceId, rule)])
      .then(([now, terms]) => (scoringVersionOf(now ?? []) === version ? forecastScoresOf(terms ?? []) : null));
    // A failed read, or one at another version, is not kept.
    scores.then((s) => s === null && entries.delete(key), () => entries.delete(key));
    entries.set(key, scores);
  }
  return scores;
}
