/**
 * Shapes shared by the scoring module. Everything here is plain data: the module is
 * pure (no I/O, no clock) and works over arrays handed to it by the caller.
 */

/** Which of a source's forecasts on a claim is scored (see `countForecast`). */
export type Rule = 'last' | 'time-weighted';

/** How calibration bins are formed (see `calibrate`). */
export type Binning = 'equal' | 'quantile';

/** One recorded, non-retracted forecast: probability in [0, 1] that the claim is confirmed. */
export interface ForecastPoint {
  /** Ledger sequence number; breaks ties between forecasts made at the same instant. */
  seq: number;
  probability: number;
  /** ISO date-time the forecast was made (no zone = UTC). */
  madeAt: string;
}

/** All non-retracted forecasts of one source on one resolved (confirmed/refuted) claim. */
export interface ForecastHistory {
  sourceId: string;
  claimId: string;
  /** 1 = confirmed, 0 = refuted. */
  outcome: 0 | 1;
  /** ISO date or date-time the outcome became known (a date is midnight UTC). */
  knownOn: string;
  forecasts: ForecastPoint[];
}

/** The one forecast that counts for a source on a claim, with its scores. */
export interface CountedForecast {
  sourceId: string;
  claimId: string;
  /** The counted probability (rule `last`) or the time-weighted average probability. */
  probability: number;
  outcome: 0 | 1;
  /** Brier score (p − o)², or its time average under rule `time-weighted`. */
  brier: number;
  /** Natural-log score ln p (o = 1) / ln(1 − p) (o = 0), or its time average. */
  logScore: number;
}

/** An item to calibrate; `brier`/`logScore` override the scores computed from `probability`. */
export interface CalibrationItem {
  probability: number;
  outcome: 0 | 1;
  brier?: number;
  logScore?: number;
}

export interface CalibrationBin {
  /** Equal bins: i/N. Quantile bins: the smallest probability in the bin. */
  lower: number;
  /** Equal bins: (i+1)/N. Quantile bins: the largest probability in the bin. */
  upper: number;
  count: number;
  meanForecast: number | null;
  observedFrequency: number | null;
  /** 95% Wilson score interval of `observedFrequency`. */
  interval: [number, number] | null;
}

/** Murphy (1973) decomposition over the calibration bins; the four terms sum to the Brier score. */
export interface Murphy {
  reliability: number;
  resolution: number;
  uncertainty: number;
  withinBin: number;
}

export interface Calibration {
  count: number;
  brier: number | null;
  logScore: number | null;
  bins: CalibrationBin[];
  murphy: Murphy | null;
}

export interface CalibrationOptions {
  /** Number of bins, an integer in 2..50; default 10. */
  bins?: number;
  /** Default `equal`. */
  binning?: Binning;
}

/** Mean scores over a set of counted forecasts. */
export interface MeanScores {
  count: number;
  brier: number | null;
  logScore: number | null;
}
