/**
 * A resolved multiple-choice, numeric or date question's scores per source and for the crowd
 * (issue 17), assembled as for yes/no questions (scoring/claim-scores.ts, after Metaculus's
 * `evaluate_question` in scoring/score_math.py):
 * - each source's last forecast (made before the actual close: calibration's rule `last`)
 *   gets Brier, log and ranked probability scores (multiple choice: choice-scores.ts) or log
 *   score and CRPS (numbers and dates: continuous-scores.ts);
 * - baseline, peer and coverage are Metaculus's time-averaged scores with its multiple-choice
 *   and continuous formulas (scoring/metaculus-baseline-peer.ts), over pmfs: a multiple-choice
 *   forecast's probabilities (each clamped to [0.001, 0.999], as a yes/no one's is), a CDF's 202
 *   bucket masses;
 * - the crowd (crowd.ts) is scored as one more forecaster (baseline and coverage).
 * Sources are listed when their coverage is above zero, sorted by id. Times in seconds. Pure.
 */
import type { ResolutionValue } from '../types.js';
import { clampForLog } from '../scoring/scores.js';
import { crowdSpans, forecastSpans, perSource, total } from '../scoring/claim-scores.js';
import { baselineAccuracy, baselineSpot, geometricMeans, peerAccuracy, peerSpot, type Window } from '../scoring/metaculus-baseline-peer.js';
import type { Span } from '../scoring/aggregation.js';
import type { Question } from './question.js';
import { numericRange, outcomeBucket, pmfOfCdf, type NumericRange } from './buckets.js';
import { scoreChoice } from './choice-scores.js';
import { continuousLogScore, thresholdCrps } from './continuous-scores.js';
import { questionCrowd } from './crowd.js';

/** One forecast of such a question: its probabilities per option or its CDF. */
export interface ValuesForecast {
  sourceId: string;
  /** Seconds since the epoch. */
  madeAt: number;
  values: readonly number[];
  /** Whether the aggregation (the crowd and everyone's peer comparison) counts this source. */
  inCrowd: boolean;
}

export type QuestionSourceScore =
  | { sourceId: string; brier: number; logScore: number; rps: number | null; baseline: number; peer: number; coverage: number }
  | { sourceId: string; logScore: number; crps: number; baseline: number; peer: number; coverage: number };

export interface QuestionClaimScores {
  sources: QuestionSourceScore[];
  crowd: { baseline: number; coverage: number };
}

type Times = Pick<Window, 'openedAt' | 'actualCloseAt' | 'scheduledCloseAt'>;

/** The index of the option that happened, or of the bucket the value fell in. */
export function resolutionBucket(q: Question, value: ResolutionValue, r: NumericRange | null): number {
  if (q.type === 'multiple-choice') return (q.options ?? []).indexOf(String(value));
  return outcomeBucket(value, r as NumericRange);
}

/** Each source's last forecast made before the actual close (ledger order breaks ties). */
export function lastForecasts<F extends { sourceId: string; madeAt: number }>(forecasts: readonly F[], actualCloseAt: number): Map<string, F> {
  const last = new Map<string, F>();
  for (const f of forecasts) {
    if (!(f.madeAt < actualCloseAt)) continue;
    const seen = last.get(f.sourceId);
    if (!seen || f.madeAt >= seen.madeAt) last.set(f.sourceId, f);
  }
  return last;
}

const clampEach = (p: readonly number[]) => p.map(clampForLog);

/** The question's window for Metaculus's scores: the outcome's bucket, its type, its open bounds. */
function windowOf(q: Question, value: ResolutionValue, w: Times): Window {
  const range = q.range ? numericRange(q.range) : null;
  return {
    ...w,
    resolutionBucket: resolutionBucket(q, value, range),
    questionType: q.type === 'multiple-choice' ? 'multiple_choice' : q.type === 'date' ? 'date' : 'numeric',
    openBoundsCount: range ? Number(range.openLower) + Number(range.openUpper) : 0,
  };
}

/** Scores of a resolved question of type multiple-choice, numeric or date; nothing when the window is empty. */
export function scoreQuestionClaim(forecasts: readonly ValuesForecast[], q: Question, value: ResolutionValue, w: Times): QuestionClaimScores {
  if (!(w.scheduledCloseAt > w.openedAt) || q.type === 'binary') return { sources: [], crowd: { baseline: 0, coverage: 0 } };
  const choice = q.type === 'multiple-choice';
  const range = q.range ? numericRange(q.range) : null;
  const window = windowOf(q, value, w);
  const bucket = window.resolutionBucket;
  const toPmf = (values: readonly number[]) => (choice ? clampEach(values) : pmfOfCdf(values));
  const spans = forecastSpans(forecasts, (f) => toPmf(f.values));
  const base = spans.filter((s) => s.inCrowd);
  const totals = perSource(spans, baselineAccuracy(spans, window), peerAccuracy(spans, base, window, geometricMeans(base)));
  const crowdValues = questionCrowd(forecastSpans(forecasts, (f) => f.values).filter((s) => s.inCrowd), choice ? 'probabilities' : 'cdf', w.openedAt, w.actualCloseAt);
  const crowdPmfs: Span[] = crowdSpans(crowdValues).map((s) => ({ ...s, pmf: toPmf(s.pmf) }));
  const last = lastForecasts(forecasts, w.actualCloseAt);
  const sources = totals.map((t): QuestionSourceScore => {
    const f = last.get(t.sourceId);
    const values = f?.values ?? [];
    if (choice) return { sourceId: t.sourceId, ...scoreChoice(values, bucket, q.ordered === true), baseline: t.baseline, peer: t.peer, coverage: t.coverage };
    const r = range as NumericRange;
    return { sourceId: t.sourceId, logScore: continuousLogScore(values, value, r), crps: thresholdCrps(values, value, r, q.type === 'date'), baseline: t.baseline, peer: t.peer, coverage: t.coverage };
  });
  return { sources, crowd: total(baselineAccuracy(crowdPmfs, window)) };
}

/**
 * Spot scores at instant `t` (clamped to the actual close): Metaculus's spot baseline and peer
 * of each source's forecast standing then (coverage 1), and the crowd's spot baseline.
 */
export function spotQuestionClaim(forecasts: readonly ValuesForecast[], q: Question, value: ResolutionValue, t: number, w: Times): { sources: Array<{ sourceId: string; baseline: number; peer: number; coverage: number }>; crowd: { baseline: number; coverage: number } } {
  const choice = q.type === 'multiple-choice';
  const window = windowOf(q, value, w);
  const at = Math.min(t, w.actualCloseAt);
  const toPmf = (values: readonly number[]) => (choice ? clampEach(values) : pmfOfCdf(values));
  const spans = forecastSpans(forecasts, (f) => toPmf(f.values));
  const base = spans.filter((s) => s.inCrowd);
  const sources = perSource(spans, baselineSpot(spans, at, window), peerSpot(spans, base, at, window));
  const crowd = questionCrowd(forecastSpans(forecasts, (f) => f.values).filter((s) => s.inCrowd), choice ? 'probabilities' : 'cdf', w.openedAt, w.actualCloseAt);
  return { sources, crowd: total(baselineSpot(crowdSpans(crowd).map((s) => ({ ...s, pmf: toPmf(s.pmf) })), at, window)) };
}
