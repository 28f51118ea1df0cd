/**
 * Scoring: pure functions over plain arrays (no I/O). Outcome o = 1 for a confirmed claim,
 * 0 for a refuted one; annulled, unresolvable and open claims, and retracted forecasts or
 * stances, are not scored — callers pass only what counts.
 */
export type {
  Binning,
  Calibration,
  CalibrationBin,
  CalibrationItem,
  CalibrationOptions,
  CountedForecast,
  ForecastHistory,
  ForecastPoint,
  MeanScores,
  Murphy,
  Rule,
} from './types.js';
export { assertOutcome, assertProbability, brierScore, logScore, meanScores } from './scores.js';
export { countForecast, countForecasts } from './count-forecast.js';
export { calibrate, DEFAULT_BINS, MAX_BINS, MIN_BINS } from './calibration.js';
export { equalBinLower, equalBinUpper, locateEqualBin } from './equal-bins.js';
export { layoutQuantileBins, locateQuantileBin, type QuantileLayout } from './quantile-bins.js';
export { relativeBrier, medianOf, crowdBrier, crowdBriersOfOthers, type RelativeBrier } from './relative.js';
export { trackRecord, type StanceKind, type StanceRecord, type StanceStatus, type TrackRecord } from './track-record.js';
export { ESTIMATIVE_PHRASES, estimativeRange, type EstimativeRange } from './icd203.js';
export { wilsonInterval, Z_95 } from './wilson.js';
export { CompensatedSum, sumOf } from './sum.js';
export { calibrateGroups, type ProbabilityGroup } from './calibrate-groups.js';
export { aggregationHistory, recencyWeightedMedian, recencyWeights, weightedPercentile, type AggregateEntry, type Span } from './aggregation.js';
export { baselineAccuracy, baselineOf, baselineSpot, geometricMeans, peerAccuracy, peerSpot, type ForecastScore, type GeometricMean, type QuestionType, type Window } from './metaculus-baseline-peer.js';
export { binaryCrowd, binarySpans, scoreBinaryClaim, spotBinaryClaim, type BinaryForecast, type ClaimScores, type SourceScore } from './claim-scores.js';
export { LEADERBOARD_PRIOR_COVERAGE, rankLeaderboard, rankingKey, type LeaderboardInput, type LeaderboardItem } from './leaderboard.js';
