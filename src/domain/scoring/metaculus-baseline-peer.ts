/**
 * Metaculus's baseline and peer scores, time-averaged over the question's window with
 * coverage, and their spot versions — ported line by line from its open-source
 * `scoring/score_math.py` (github.com/Metaculus/metaculus): `get_geometric_means`,
 * `evaluate_forecasts_baseline_accuracy`, `evaluate_forecasts_baseline_spot_forecast`,
 * `evaluate_forecasts_peer_accuracy`, `evaluate_forecasts_peer_spot_forecast`. Times are
 * seconds; a window runs from the opening (forecast horizon start) to the scheduled close
 * (horizon end), and time after the actual close scores 0 (Metaculus's truncation).
 * Pure: no I/O.
 */
import type { Span } from './aggregation.js';

export type QuestionType = 'binary' | 'multiple_choice' | 'numeric' | 'date' | 'discrete';

/** A span's score (already weighted by its share of the window) and that share (coverage). */
export interface ForecastScore {
  score: number;
  coverage: number;
}

/** The question a set of spans is scored on. */
export interface Window {
  /** Opening (forecast_horizon_start), seconds. */
  openedAt: number;
  /** The earlier of the scheduled close and the resolution's knownOn, seconds. */
  actualCloseAt: number;
  /** Scheduled close (forecast_horizon_end), seconds. */
  scheduledCloseAt: number;
  /** Index in the pmf of what happened: binary 0 = No, 1 = Yes. */
  resolutionBucket: number;
  questionType: QuestionType;
  /** Continuous questions: how many of the two bounds are open. */
  openBoundsCount?: number;
}

/** A geometric mean of the forecasts standing from `timestamp` on; `forecasters` is 0 for a lone forecast. */
export interface GeometricMean {
  pmf: number[];
  forecasters: number;
  timestamp: number;
}

const CONTINUOUS: readonly QuestionType[] = ['numeric', 'date', 'discrete'];

/** pmf[bucket], or the last entry ("Other") where the option did not exist yet (NaN). */
function at(pmf: readonly number[], bucket: number): number {
  const p = pmf[bucket]!;
  return Number.isNaN(p) ? pmf[pmf.length - 1]! : p;
}

/**
 * One pmf's baseline score: binary and multiple choice 100·ln(p·K)/ln K with K the options
 * that existed (binary: 100·log₂(2p), 0 for p = ½, 100 for certainty on the outcome);
 * continuous 100·ln(pmf[b]/base)/2, base 0.05 out of range, else (1 − 0.05·open)/(buckets − 2).
 */
export function baselineOf(pmf: readonly number[], w: Pick<Window, 'resolutionBucket' | 'questionType' | 'openBoundsCount'>): number {
  const b = w.resolutionBucket;
  if (w.questionType === 'binary' || w.questionType === 'multiple_choice') {
    const options = pmf.filter((v) => !Number.isNaN(v)).length;
    return (100 * Math.log(at(pmf, b) * options)) / Math.log(options);
  }
  const base = b === 0 || b === pmf.length - 1 ? 0.05 : (1 - 0.05 * (w.openBoundsCount ?? 0)) / (pmf.length - 2);
  return (100 * Math.log(pmf[b]! / base)) / 2;
}

/** The part of [start, end) inside [opening, actual close). */
function clip(s: Span, w: Window): [number, number] {
  return [Math.max(s.start, w.openedAt), s.end === null ? w.actualCloseAt : Math.min(s.end, w.actualCloseAt)];
}

/** `evaluate_forecasts_baseline_accuracy`: each span's baseline score × its share of the window, and that share. */
export function baselineAccuracy(spans: readonly Span[], w: Window): ForecastScore[] {
  const total = w.scheduledCloseAt - w.openedAt;
  return spans.map((s) => {
    const [start, end] = clip(s, w);
    if (end - start <= 0) return { score: 0, coverage: 0 };
    const coverage = (end - start) / total;
    return { score: baselineOf(s.pmf, w) * coverage, coverage };
  });
}

/** `evaluate_forecasts_baseline_spot_forecast`: the baseline score of each span standing at `t` (coverage 1), else 0. */
export function baselineSpot(spans: readonly Span[], t: number, w: Pick<Window, 'resolutionBucket' | 'questionType' | 'openBoundsCount'>): ForecastScore[] {
  return spans.map((s) => (s.start <= t && t < (s.end ?? Infinity) ? { score: baselineOf(s.pmf, w), coverage: 1 } : { score: 0, coverage: 0 }));
}

/**
 * `get_geometric_means`: at every start and end of a span, the element-wise geometric mean
 * (scipy's gmean: exp of the mean log) of the spans standing then (start ≤ t < end); the
 * forecaster count is 0 when only one stands (so its peer factor n/(n−1) is 0).
 */
export function geometricMeans(spans: readonly Span[]): GeometricMean[] {
  const steps = new Set<number>();
  for (const s of spans) {
    steps.add(s.start);
    if (s.end !== null) steps.add(s.end);
  }
  const out: GeometricMean[] = [];
  for (const t of [...steps].sort((a, b) => a - b)) {
    const standing = spans.filter((s) => s.start <= t && (s.end === null || s.end > t));
    if (standing.length === 0) continue;
    const width = standing[0]!.pmf.length;
    const pmf = Array.from({ length: width }, (_, k) => {
      let sum = 0;
      for (const s of standing) sum += Math.log(s.pmf[k]!);
      return Math.exp(sum / standing.length);
    });
    out.push({ pmf, forecasters: standing.length > 1 ? standing.length : 0, timestamp: t });
  }
  return out;
}

/** One interval's peer score: 100 · n/(n−1) · ln(p / gm) (halved for continuous questions). */
function peerOf(p: number, gm: GeometricMean, w: Pick<Window, 'resolutionBucket' | 'questionType'>): number {
  const n = gm.forecasters;
  const score = 100 * (n / (n - 1)) * Math.log(p / at(gm.pmf, w.resolutionBucket));
  return CONTINUOUS.includes(w.questionType) ? score / 2 : score;
}

/**
 * `evaluate_forecasts_peer_accuracy`: each span's peer score against the geometric mean of
 * `base` (everyone Metaculus's aggregation counts, the span's own author included), summed
 * over the intervals between geometric-mean steps that start while the span stands and
 * before the actual close, each weighted by its share of the window; and that share.
 */
export function peerAccuracy(spans: readonly Span[], base: readonly Span[], w: Window, means?: GeometricMean[]): ForecastScore[] {
  const gms = (means ?? geometricMeans(base)).map((g) => ({ ...g, timestamp: Math.max(g.timestamp, w.openedAt) }));
  const total = w.scheduledCloseAt - w.openedAt;
  const times = [...gms.filter((g) => g.timestamp < w.actualCloseAt).map((g) => g.timestamp), w.actualCloseAt];
  return spans.map((s) => {
    const [start, end] = clip(s, w);
    if (end - start <= 0) return { score: 0, coverage: 0 };
    const p = at(s.pmf, w.resolutionBucket);
    let score = 0;
    let coverage = 0;
    for (let i = 0; i < times.length - 1; i++) {
      const gm = gms[i]!;
      if (!(start <= gm.timestamp && gm.timestamp < end)) continue;
      const duration = times[i + 1]! - times[i]!;
      score += (peerOf(p, gm, w) * duration) / total;
      coverage += duration / total;
    }
    return { score, coverage };
  });
}

/**
 * `evaluate_forecasts_peer_spot_forecast`: against the last geometric mean that began
 * strictly before `t`, the peer score of each span standing at `t` (coverage 1), else 0;
 * all 0 when no geometric mean began before `t`.
 */
export function peerSpot(spans: readonly Span[], base: readonly Span[], t: number, w: Pick<Window, 'resolutionBucket' | 'questionType'>, means?: GeometricMean[]): ForecastScore[] {
  const gms = means ?? geometricMeans(base);
  let gm: GeometricMean | undefined;
  for (let i = gms.length - 1; i >= 0; i--) {
    if (gms[i]!.timestamp < t) {
      gm = gms[i];
      break;
    }
  }
  return spans.map((s) => {
    if (!gm || !(s.start <= t && t < (s.end ?? Infinity))) return { score: 0, coverage: 0 };
    return { score: peerOf(at(s.pmf, w.resolutionBucket), gm, w), coverage: 1 };
  });
}
