import type { Database } from './client.js';
import { readRows } from './fast-read.js';
import { cachedSourceForecastScores, sourceStances } from './scoring-queries.js';
import { trackRecord } from '../domain/scoring/index.js';

/**
 * How a source held up (`GET /api/sources/{id}/track-record`, `reckon track-record`): its
 * stances right, wrong and pending with accuracy, and the scores of its counted forecasts.
 */
export async function sourceTrackRecord(db: Database, id: string, rule: 'last' | 'time-weighted') {
  const stances = await sourceStances(db.client, id, readRows(db));
  const record = trackRecord(stances);
  // From the source's own counted rows (each carries its claim's crowd term), once per scoring version.
  const forecasts = await cachedSourceForecastScores(db, id, rule);
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
