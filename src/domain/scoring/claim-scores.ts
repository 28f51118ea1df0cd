/**
 * A resolved question's Metaculus scores per source and for the crowd, as `evaluate_question`
 * in Metaculus's `scoring/score_math.py` assembles them: each source's spans scored
 * (baseline, peer against the geometric mean of the aggregation's forecasters), summed per
 * source and kept when the source's coverage is above zero; the recency-weighted aggregation
 * history scored as one more forecaster. Sources the aggregation leaves out (Reckon: type
 * `forecasting-platform`, a platform's own community prediction) are scored themselves but
 * are not part of anyone's peer comparison nor of the crowd. Times are seconds. Pure.
 */
import { clampForLog } from './scores.js';
import { aggregationHistory, type AggregateEntry, type Span } from './aggregation.js';
import { baselineAccuracy, baselineSpot, geometricMeans, peerAccuracy, peerSpot, type ForecastScore, type Window } from './metaculus-baseline-peer.js';

/** One forecast on a binary question. */
export interface BinaryForecast {
  sourceId: string;
  /** Seconds since the epoch. */
  madeAt: number;
  probability: number;
  /** Whether the aggregation (the crowd and everyone's peer comparison) counts this source. */
  inCrowd: boolean;
}

export interface SourceScore {
  sourceId: string;
  baseline: number;
  peer: number;
  coverage: number;
}

export interface ClaimScores {
  sources: SourceScore[];
  crowd: { baseline: number; coverage: number };
}

/**
 * Spans of forecasts: each stands from its madeAt until the same source's next one, with the
 * pmf (or values) `valuesOf` gives. Input in ledger order; output ordered by start (stable), as
 * Metaculus's queries order them.
 */
export function forecastSpans<F extends { sourceId: string; madeAt: number; inCrowd: boolean }>(forecasts: readonly F[], valuesOf: (f: F) => readonly number[]): Array<Span & { inCrowd: boolean }> {
  const bySource = new Map<string, Array<{ f: F; i: number }>>();
  forecasts.forEach((f, i) => {
    const list = bySource.get(f.sourceId);
    if (list) list.push({ f, i });
    else bySource.set(f.sourceId, [{ f, i }]);
  });
  const spans: Array<{ i: number; span: Span & { inCrowd: boolean } }> = [];
  for (const [sourceId, list] of bySource) {
    list.sort((a, b) => a.f.madeAt - b.f.madeAt || a.i - b.i);
    list.forEach(({ f, i }, k) => {
      const next = list[k + 1];
      spans.push({ i, span: { sourceId, start: f.madeAt, end: next ? next.f.madeAt : null, pmf: valuesOf(f), inCrowd: f.inCrowd } });
    });
  }
  return spans.sort((a, b) => a.span.start - b.span.start || a.i - b.i).map((x) => x.span);
}

/** Spans of binary forecasts, pmf [No, Yes] (see forecastSpans). */
export function binarySpans(forecasts: readonly BinaryForecast[]): Array<Span & { inCrowd: boolean }> {
  return forecastSpans(forecasts, (f) => pmfOf(f.probability));
}

/** A binary forecast's pmf [No, Yes], p clamped to Metaculus's [0.001, 0.999] (an imported 0 or 1 is kept as stored). */
const pmfOf = (p: number): number[] => {
  const q = clampForLog(p);
  return [1 - q, q];
};

/** Sum scores per source; keep sources whose baseline coverage is above zero, sorted by id. */
export function perSource(spans: readonly Span[], baseline: ForecastScore[], peer: ForecastScore[]): SourceScore[] {
  const out = new Map<string, SourceScore>();
  spans.forEach((s, i) => {
    const row = out.get(s.sourceId) ?? { sourceId: s.sourceId, baseline: 0, peer: 0, coverage: 0 };
    row.baseline += baseline[i]!.score;
    row.coverage += baseline[i]!.coverage;
    row.peer += peer[i]!.score;
    out.set(s.sourceId, row);
  });
  return [...out.values()].filter((r) => r.coverage > 0).sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0));
}

/** The crowd's entries as spans, to be scored like a forecaster's. */
export function crowdSpans(history: readonly AggregateEntry[]): Span[] {
  return history.map((h) => ({ sourceId: '', start: h.start, end: h.end, pmf: h.pmf }));
}

export function total(scores: ForecastScore[]): { baseline: number; coverage: number } {
  let baseline = 0;
  let coverage = 0;
  for (const s of scores) (baseline += s.score), (coverage += s.coverage);
  return { baseline, coverage };
}

/** The recency-weighted crowd of a binary question (the aggregation's sources only). */
export function binaryCrowd(forecasts: readonly BinaryForecast[], openedAt: number, actualCloseAt: number | null): AggregateEntry[] {
  return aggregationHistory(binarySpans(forecasts).filter((s) => s.inCrowd), openedAt, actualCloseAt);
}

/**
 * Time-averaged baseline and peer scores with coverage per source, and the crowd's baseline
 * and coverage. Nothing is scored when the window is empty (opening at or after the
 * scheduled close): Metaculus never has such a question.
 */
export function scoreBinaryClaim(forecasts: readonly BinaryForecast[], w: Omit<Window, 'questionType'>): ClaimScores {
  const window: Window = { ...w, questionType: 'binary' };
  if (!(w.scheduledCloseAt > w.openedAt)) return { sources: [], crowd: { baseline: 0, coverage: 0 } };
  const spans = binarySpans(forecasts);
  const base = spans.filter((s) => s.inCrowd);
  const means = geometricMeans(base);
  const sources = perSource(spans, baselineAccuracy(spans, window), peerAccuracy(spans, base, window, means));
  const crowd = total(baselineAccuracy(crowdSpans(aggregationHistory(base, w.openedAt, w.actualCloseAt)), window));
  return { sources, crowd };
}

/**
 * Spot scores at instant `t` (clamped to the actual close, as `evaluate_question` does): the
 * baseline and peer of each source's forecast standing then (coverage 1), and the crowd's
 * baseline then. Sources with nothing standing are left out.
 */
export function spotBinaryClaim(forecasts: readonly BinaryForecast[], t: number, w: Omit<Window, 'questionType'>): ClaimScores {
  const window: Window = { ...w, questionType: 'binary' };
  const at = Math.min(t, w.actualCloseAt);
  const spans = binarySpans(forecasts);
  const base = spans.filter((s) => s.inCrowd);
  const sources = perSource(spans, baselineSpot(spans, at, window), peerSpot(spans, base, at, window));
  const crowd = total(baselineSpot(crowdSpans(aggregationHistory(base, w.openedAt, w.actualCloseAt)), at, window));
  return { sources, crowd };
}
