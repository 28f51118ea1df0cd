import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { claims, sources } from './schema.js';

/**
 * Derived tables: totals and per-claim scores computed from the projections in schema.ts (not
 * from events directly), kept in the same transaction and rebuilt by `reckon rebuild`; they
 * make calibration, scores, ranked sources and the analytics one read instead of a scan.
 */

/**
 * The forecast that counts per claim and source, under both rules, for confirmed and
 * refuted claims only: variant `all` counts every forecast; a `live` row (backfilled ones
 * left out) exists only where the pair has both backfilled and live forecasts, since
 * otherwise leaving backfilled out changes nothing (`all` row with has_backfilled = 0) or
 * leaves nothing. Derived from forecasts and resolutions, refreshed for every claim a
 * resolution, reopening or retraction touches (src/db/counted.ts), so that calibration is
 * one aggregate over one row per source and claim, not a scan of every forecast.
 */
export const countedForecasts = sqliteTable(
  'counted_forecasts',
  {
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    variant: text('variant').notNull(),
    hasBackfilled: integer('has_backfilled', { mode: 'boolean' }).notNull(),
    kind: text('kind').notNull(),
    knownOn: text('known_on').notNull(),
    outcome: integer('outcome').notNull(),
    pLast: real('p_last').notNull(),
    brierLast: real('brier_last').notNull(),
    logLast: real('log_last').notNull(),
    pTw: real('p_tw').notNull(),
    brierTw: real('brier_tw').notNull(),
    logTw: real('log_tw').notNull(),
    /**
     * Rows of variant `all` only (else null): (m − o)², m the median of the OTHER sources'
     * counted probabilities on this claim under that rule, o the outcome; null when no other
     * source has a counted forecast on the claim. The crowd term of relative Brier
     * (src/domain/scoring/relative.ts), so that a source's relative Brier is a pass over its own
     * rows instead of every counted forecast on its claims. Rows of a claim are always written
     * together (src/db/counted.ts), so it never goes stale.
     */
    crowdLast: real('crowd_last'),
    crowdTw: real('crowd_tw'),
  },
  (t) => [
    primaryKey({ columns: [t.claimId, t.sourceId, t.variant] }),
    index('counted_source_idx').on(t.sourceId),
    // Covering, in probability order: calibration under either rule is one ordered index scan, no sort.
    index('counted_last_idx').on(t.variant, t.pLast, t.hasBackfilled, t.outcome, t.brierLast, t.logLast),
    index('counted_tw_idx').on(t.variant, t.pTw, t.hasBackfilled, t.outcome, t.brierTw, t.logTw),
    // Covering, in a source's summation order (src/db/scoring-queries.ts SUMMATION_ORDER): a
    // track record reads one range of its own rows, sorting only ties by rowid, instead of a
    // scan of counted_tw_idx over every source's rows (≈1.3 s at 100,000 claims).
    index('counted_source_sum_idx').on(t.sourceId, t.variant, t.pTw, t.hasBackfilled, t.outcome, t.brierTw, t.logTw, t.brierLast, t.logLast, t.crowdLast, t.crowdTw),
  ],
);

/**
 * Metaculus's time-averaged scores per resolved (confirmed or refuted) prediction and source
 * whose coverage is above zero (src/domain/scoring/claim-scores.ts): recomputed from the
 * forecasts for every claim a resolution, reopening or retraction touches, in the same
 * transaction (src/db/claim-scores.ts), so that leaderboards are aggregates over one row per
 * claim and source. `known_on` is the resolution's, as an ISO instant (the period filters).
 */
export const claimScores = sqliteTable(
  'claim_scores',
  {
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    knownOn: text('known_on').notNull(),
    baseline: real('baseline').notNull(),
    peer: real('peer').notNull(),
    coverage: real('coverage').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.claimId, t.sourceId] }),
    // Covering: a source's sums (and its totals below, in this order) are one index range.
    index('claim_scores_source_idx').on(t.sourceId, t.knownOn, t.baseline, t.peer, t.coverage),
    index('claim_scores_known_on_idx').on(t.knownOn, t.sourceId, t.baseline, t.peer, t.coverage),
  ],
);

/**
 * Each source's counted forecasts (variant `all`, rule `last`): their number and the sum of
 * their Brier scores in fixed point, as two integers (hi = trunc(b·2³¹), lo = round of the
 * rest·2³¹: b to within 2⁻⁶³), so that the sum is exact whatever the order of additions and
 * subtractions and a rebuild gives the same row. Kept by triggers on counted_forecasts
 * (migration 0017) in the writing transaction; a row goes when its count reaches zero.
 */
export const sourceForecastTotals = sqliteTable('source_forecast_totals', {
  sourceId: text('source_id').primaryKey(),
  forecasts: integer('forecasts').notNull(),
  brierHi: integer('brier_hi').notNull(),
  brierLo: integer('brier_lo').notNull(),
});

/**
 * Each source's stances by verdict now: right (asserted and confirmed, or denied and refuted),
 * wrong, and pending (the claim open); retracted stances count in none. Kept by triggers on
 * stances and claims.status (migration 0017); one row per source with any stance.
 */
export const sourceStanceTotals = sqliteTable('source_stance_totals', {
  sourceId: text('source_id').primaryKey(),
  rightN: integer('right_n').notNull(),
  wrongN: integer('wrong_n').notNull(),
  pendingN: integer('pending_n').notNull(),
});

/**
 * Calibration's input, grouped by exact probability, for the calibrations asked for most:
 * all counted forecasts (`scope` all, `key` ''), a source's (`source`, its id) or a tag's
 * (`tag`, the tag); per rule (`last`, `time-weighted`: which probability and scores) and
 * backfilled forecasts (`include`: rows of variant all; `exclude`: live rows, and all rows of
 * pairs without a backfilled forecast). The count, the confirmed, and the Brier and log sums
 * in fixed point (as source_forecast_totals: exact in any order). Kept by triggers on
 * counted_forecasts and claim_tags (migration 0019) in the writing transaction.
 */
export const calibrationGroups = sqliteTable(
  'calibration_groups',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    rule: text('rule').notNull(),
    mode: text('mode').notNull(),
    probability: real('probability').notNull(),
    n: integer('n').notNull(),
    ones: integer('ones').notNull(),
    brierHi: integer('brier_hi').notNull(),
    brierLo: integer('brier_lo').notNull(),
    logHi: integer('log_hi').notNull(),
    logLo: integer('log_lo').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key, t.rule, t.mode, t.probability] })],
);

/** The crowd's (recency-weighted median's) baseline score and coverage per scored claim. */
export const claimCrowdScores = sqliteTable('claim_crowd_scores', {
  claimId: text('claim_id')
    .primaryKey()
    .references(() => claims.id),
  baseline: real('baseline').notNull(),
  coverage: real('coverage').notNull(),
});

/**
 * Each source's sums over all its claim_scores rows (the unfiltered leaderboard), recomputed
 * for the sources of every claim refreshed, summed in claim_scores_source_idx order so that a
 * rebuild gives the same bits.
 */
export const sourceScoreTotals = sqliteTable('source_score_totals', {
  sourceId: text('source_id')
    .primaryKey()
    .references(() => sources.id),
  questions: integer('questions').notNull(),
  baselineSum: real('baseline_sum').notNull(),
  peerSum: real('peer_sum').notNull(),
  coverageSum: real('coverage_sum').notNull(),
});

/**
 * claim_scores summed per source and UTC day (`unit` 'd', `start` YYYY-MM-DD of known_on) and
 * per source and month ('m', YYYY-MM), so that a leaderboard over a long period adds months and
 * days and reads only the rows of the part-days at its edges (src/db/score-periods.ts). Sums are
 * exact, in fixed point (src/domain/scoring/fixed-sum.ts): each value's limbs b0–b5, p0–p5,
 * c0–c5 (baseline, peer, coverage), and a bound of the magnitudes (ba, pa, ca, units of 2⁻¹⁰);
 * `big` counts rows not representable (all their parts 0) and rows whose known_on is not an ISO
 * instant (`unit` 'x'). Kept with claim_scores in the same transaction (src/db/claim-scores.ts),
 * each row's parts added or taken away exactly, so any order of writes gives a rebuild's rows;
 * a row goes when its count reaches zero.
 */
const limb = (name: string) => integer(name).notNull();
export const claimScorePeriods = sqliteTable(
  'claim_score_periods',
  {
    unit: text('unit').notNull(),
    start: text('start').notNull(),
    sourceId: text('source_id').notNull(),
    n: integer('n').notNull(),
    big: integer('big').notNull(),
    b0: limb('b0'), b1: limb('b1'), b2: limb('b2'), b3: limb('b3'), b4: limb('b4'), b5: limb('b5'),
    p0: limb('p0'), p1: limb('p1'), p2: limb('p2'), p3: limb('p3'), p4: limb('p4'), p5: limb('p5'),
    c0: limb('c0'), c1: limb('c1'), c2: limb('c2'), c3: limb('c3'), c4: limb('c4'), c5: limb('c5'),
    ba: limb('ba'), pa: limb('pa'), ca: limb('ca'),
  },
  (t) => [primaryKey({ columns: [t.unit, t.start, t.sourceId] }), index('claim_score_periods_source_idx').on(t.sourceId, t.unit, t.start)],
);

/**
 * Analytics projections (issue 14; src/db/analytics.ts): refreshed for every claim an event
 * touches, in the event's transaction, and by `reckon rebuild`. `claim_analytics`: each
 * claim's start in the world and current outcome as day numbers (UTC days since 1970-01-01);
 * `allegation_entries`: per allegation, source and stance kind, the source's earliest
 * non-retracted stance of that kind; `analytics_counts`: counters summed over every claim
 * (src/domain/survival/contributions.ts), rows with n = 0 removed.
 */
export const claimAnalytics = sqliteTable('claim_analytics', {
  claimId: text('claim_id')
    .primaryKey()
    .references(() => claims.id),
  kind: text('kind').notNull(),
  startDay: integer('start_day').notNull(),
  status: text('status').notNull(),
  knownDay: integer('known_day'),
});

export const allegationEntries = sqliteTable(
  'allegation_entries',
  {
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    stance: text('stance').notNull(),
    sourceType: text('source_type').notNull(),
    country: text('country'),
    startDay: integer('start_day').notNull(),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.sourceId, t.stance] })],
);

export const analyticsCounts = sqliteTable(
  'analytics_counts',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    stance: text('stance').notNull(),
    outcome: text('outcome').notNull(),
    day: integer('day').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key, t.stance, t.outcome, t.day] }), index('analytics_counts_day_idx').on(t.scope, t.day)],
);

/**
 * One row, whose epoch every rebuild of the projections increments: in-process caches of what
 * was read from the projections (the claim list's items, the track records' scores) are keyed
 * by it besides their own versions, so that a rebuild — by this process or another — drops
 * them. Not a projection of the ledger (absent means 0).
 */
export const projectionEpoch = sqliteTable('projection_epoch', {
  id: integer('id').primaryKey(),
  epoch: integer('epoch').notNull(),
});
/**
 * Projections that a migration could not fill in SQL and that the next open of the database
 * fills once (src/db/client.ts): a name per pending catch-up, removed in the transaction
 * that does it. Not a projection of the ledger.
 */
export const projectionCatchups = sqliteTable('projection_catchups', {
  name: text('name').primaryKey(),
});

/** SQL for the current projection epoch: incremented by every rebuild of the projections (0 before the first). */
export const PROJECTION_EPOCH = 'ifnull((SELECT epoch FROM projection_epoch WHERE id = 1), 0)';
