/**
 * Calibration of multiple-choice, numeric and date questions (issue 17), from each source's
 * last forecast (made before the actual close: rule `last`) on each question resolved with a
 * value, under the filters of /api/calibration (source, tag, kind, resolution date, backfilled,
 * closedOnly):
 * - multiple choice: every option of that forecast as a yes/no forecast (p_k, o_k), calibrated
 *   as yes/no forecasts are (domain/scoring/calibration.ts) — Metaculus shows no multiple-choice
 *   calibration; Reckon does;
 * - numeric and date: the histogram of the PITs of those forecasts (domain/questions/pit-bins.ts).
 */
import type { Client } from '@libsql/client';
import { parseInstant } from '../domain/dates.js';
import { numericRange } from '../domain/questions/buckets.js';
import { pit } from '../domain/questions/continuous-scores.js';
import { pitHistogram, type PitHistogram } from '../domain/questions/pit-bins.js';
import { lastForecasts, resolutionBucket } from '../domain/questions/question-scores.js';
import { calibrate } from '../domain/scoring/index.js';
import type { Binning, Calibration, CalibrationItem } from '../domain/scoring/types.js';
import { loadValuesForecasts, resolvedQuestionClaims, type QuestionClaim, type StoredForecast } from './question-scores.js';
import type { ScoreFilters } from './scoring-queries.js';

type Pair = { claim: QuestionClaim; forecast: StoredForecast };

/** Whether a claim passes the filters on its resolution date and scheduled close (`closedBy` apart). */
function inPeriod(c: QuestionClaim, f: ScoreFilters): boolean {
  const known = c.knownOn === null ? null : parseInstant(c.knownOn);
  if (known === null) return false;
  if (f.from && known < (parseInstant(f.from) as number)) return false;
  return !(f.to && known >= (parseInstant(f.to) as number));
}

const closedBy = (c: QuestionClaim, by: string) => c.dueAt !== null && (parseInstant(c.dueAt) ?? Infinity) <= (parseInstant(by) as number);

/** The counted (source, claim) pairs, and how many questions closedOnly left out. */
async function countedPairs(client: Client, f: ScoreFilters, types: QuestionClaim['question']['type'][]): Promise<{ pairs: Pair[]; leftOut: number }> {
  if (f.kind === 'allegation') return { pairs: [], leftOut: 0 };
  const all = (await resolvedQuestionClaims(client, types, f.tag)).filter((c) => c.value !== null && c.window !== null && inPeriod(c, f));
  const forecasts = await loadValuesForecasts(client, all.map((c) => c.id));
  const pairs: Pair[] = [];
  let leftOut = 0;
  for (const claim of all) {
    const mine = (forecasts.get(claim.id) ?? []).filter((x) => (!f.source || x.sourceId === f.source) && (f.backfilled === 'include' || !x.backfilled));
    const last = [...lastForecasts(mine, claim.window!.actualCloseAt).values()];
    if (last.length === 0) continue;
    if (f.closedBy && !closedBy(claim, f.closedBy)) {
      leftOut++;
      continue;
    }
    for (const forecast of last) pairs.push({ claim, forecast });
  }
  return { pairs, leftOut };
}

/** Multiple choice: every option of every counted forecast as a yes/no forecast. */
export async function choiceCalibration(client: Client, f: ScoreFilters, opts: { bins: number; binning: Binning }): Promise<Calibration & { leftOutQuestions?: number }> {
  const { pairs, leftOut } = await countedPairs(client, f, ['multiple-choice']);
  const items: CalibrationItem[] = [];
  for (const { claim, forecast } of pairs) {
    const outcome = resolutionBucket(claim.question, claim.value!, null);
    forecast.values.forEach((p, k) => items.push({ probability: p, outcome: k === outcome ? 1 : 0 }));
  }
  const calibration = calibrate(items, opts);
  return f.closedBy ? { ...calibration, leftOutQuestions: leftOut } : calibration;
}

/** Numeric or date: the PIT histogram of the counted forecasts (`count` repeated at the top). */
export async function pitCalibration(client: Client, f: ScoreFilters, type: 'numeric' | 'date'): Promise<{ pit: PitHistogram }> {
  const { pairs } = await countedPairs(client, f, [type]);
  const pits = pairs.map(({ claim, forecast }) => pit(forecast.values, claim.value!, numericRange(claim.question.range!)));
  const histogram = pitHistogram(pits);
  // Exactly `{ pit: { count, bins } }`, the shape: the count is the histogram's.
  return { pit: histogram };
}
