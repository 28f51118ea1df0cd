import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * The ledger: the one record. Every other table below is a projection of it,
 * written in the same transaction as the event, and rebuilt from it by `reckon rebuild`.
 * UPDATE and DELETE on `events` are refused by triggers (migrations/0001_*.sql).
 */
export const events = sqliteTable(
  'events',
  {
    seq: integer('seq').primaryKey(),
    type: text('type').notNull(),
    claimId: text('claim_id'),
    recordedAt: text('recorded_at').notNull(),
    recordedBy: text('recorded_by'),
    payload: text('payload').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  // The sequence number is the chain link: two writers that both try to follow the same head
  // collide on it, so the chain can never fork (the loser retries on the new head).
  (t) => [index('events_claim_idx').on(t.claimId, t.seq)],
);

export const sources = sqliteTable('sources', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  type: text('type').notNull(),
  country: text('country'),
  url: text('url'),
  seq: integer('seq').notNull(),
  createdAt: text('created_at').notNull(),
});

export const claims = sqliteTable(
  'claims',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    statement: text('statement').notNull(),
    resolutionCriteria: text('resolution_criteria').notNull(),
    details: text('details'),
    /** JSON array of strings; `claim_tags` mirrors it by trigger for indexed filtering. */
    tags: text('tags').notNull(),
    deadline: text('deadline'),
    checkBy: text('check_by'),
    /** coalesce(deadline, check_by): what "deadline passed / upcoming" and the deadline sort use. */
    dueAt: text('due_at'),
    openedAt: text('opened_at'),
    status: text('status').notNull(),
    revision: integer('revision').notNull(),
    editedAfterForecasts: integer('edited_after_forecasts', { mode: 'boolean' }).notNull(),
    createdAt: text('created_at').notNull(),
    createdSeq: integer('created_seq').notNull(),
    updatedSeq: integer('updated_seq').notNull(),
    resolutionSeq: integer('resolution_seq'),
    knownOn: text('known_on'),
    /**
     * Allegations: the date of the earliest non-retracted asserting stance (precision kept), else
     * null. Set by the analytics refresh (src/db/analytics.ts) in the event's transaction.
     */
    firstAllegedOn: text('first_alleged_on'),
    /**
     * The claim's date in the world, as an ISO instant, for the list's newest/oldest order: an
     * allegation's first assertion (its first day), else its opening (`openedAt`), else its
     * recording. Set by the analytics refresh.
     */
    worldDate: text('world_date'),
    /** binary | multiple-choice | numeric | date (issue 17); every claim before it is binary. */
    questionType: text('question_type').notNull().default('binary'),
    /** JSON: `{ options, ordered? }` (multiple choice) or `{ range }` (numeric, date); null for yes/no. */
    question: text('question'),
  },
  (t) => [
    uniqueIndex('claims_created_seq_unique').on(t.createdSeq),
    index('claims_status_idx').on(t.status, t.createdSeq),
    index('claims_kind_idx').on(t.kind, t.createdSeq),
    index('claims_due_idx').on(t.dueAt, t.createdSeq),
    index('claims_known_on_idx').on(t.knownOn),
    // The list's newest/oldest order; due_at beside it so that a walk tests `due` from the index alone.
    index('claims_world_date_idx').on(t.worldDate, t.createdSeq, t.dueAt),
    // The same order within a kind or a status (the list's kind and status filters).
    index('claims_kind_world_idx').on(t.kind, t.worldDate, t.createdSeq),
    index('claims_status_world_idx').on(t.status, t.worldDate, t.createdSeq),
  ],
);

export const claimTags = sqliteTable(
  'claim_tags',
  {
    tag: text('tag').notNull(),
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id),
    createdSeq: integer('created_seq').notNull(),
    /** The claim's world_date, kept equal to it by trigger (migration 0015): a tag's claims in the list's order. */
    worldDate: text('world_date'),
  },
  (t) => [primaryKey({ columns: [t.tag, t.createdSeq] }), index('claim_tags_claim_idx').on(t.claimId), index('claim_tags_world_idx').on(t.tag, t.worldDate, t.createdSeq)],
);

/**
 * Each (source, claim) pair where the source recorded a forecast or a stance (retracted ones
 * too): the list's `source` filter in its newest/oldest order. Kept by triggers on forecasts,
 * stances and claims.world_date (migration 0015), in the writing transaction; cleared and
 * refilled by a rebuild as claim_tags is.
 */
export const sourceClaims = sqliteTable(
  'source_claims',
  {
    sourceId: text('source_id').notNull(),
    createdSeq: integer('created_seq').notNull(),
    /** The claim's world_date. */
    worldDate: text('world_date'),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.createdSeq] }), index('source_claims_world_idx').on(t.sourceId, t.worldDate, t.createdSeq)],
);

export const claimRevisions = sqliteTable(
  'claim_revisions',
  {
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id),
    revision: integer('revision').notNull(),
    title: text('title').notNull(),
    statement: text('statement').notNull(),
    resolutionCriteria: text('resolution_criteria').notNull(),
    details: text('details'),
    tags: text('tags').notNull(),
    deadline: text('deadline'),
    checkBy: text('check_by'),
    reason: text('reason'),
    seq: integer('seq').notNull(),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.revision] })],
);

const retraction = {
  retractedSeq: integer('retracted_seq'),
  retractionReason: text('retraction_reason'),
};

/** A forecast's id is always `fc-<seq>` (its event's sequence number), so seq is the key. */
export const forecasts = sqliteTable(
  'forecasts',
  {
    seq: integer('seq').primaryKey(),
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    probability: real('probability').notNull(),
    madeAt: text('made_at').notNull(),
    note: text('note'),
    backfilled: integer('backfilled', { mode: 'boolean' }).notNull(),
    ...retraction,
  },
  (t) => [
    index('forecasts_claim_idx').on(t.claimId, t.madeAt),
    index('forecasts_source_idx').on(t.sourceId, t.claimId),
  ],
);

export const stances = sqliteTable(
  'stances',
  {
    id: text('id').primaryKey(),
    seq: integer('seq').notNull(),
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    stance: text('stance').notNull(),
    date: text('date').notNull(),
    quote: text('quote'),
    url: text('url'),
    confidence: real('confidence'),
    estimative: text('estimative'),
    ...retraction,
  },
  (t) => [
    uniqueIndex('stances_seq_unique').on(t.seq),
    index('stances_claim_idx').on(t.claimId),
    // Serves "claims this source spoke on", with forecasts_source_idx.
    index('stances_source_idx').on(t.sourceId, t.claimId),
  ],
);

export const evidence = sqliteTable(
  'evidence',
  {
    id: text('id').primaryKey(),
    seq: integer('seq').notNull(),
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id),
    date: text('date').notNull(),
    summary: text('summary').notNull(),
    bearing: text('bearing').notNull(),
    url: text('url'),
    publishedBy: text('published_by'),
    gradeReliability: text('grade_reliability'),
    gradeCredibility: integer('grade_credibility'),
    ...retraction,
  },
  (t) => [uniqueIndex('evidence_seq_unique').on(t.seq), index('evidence_claim_idx').on(t.claimId)],
);

export const resolutions = sqliteTable(
  'resolutions',
  {
    seq: integer('seq').primaryKey(),
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id),
    outcome: text('outcome').notNull(),
    knownOn: text('known_on').notNull(),
    note: text('note'),
    evidenceIds: text('evidence_ids').notNull(),
    /** JSON of the value a multiple-choice, numeric or date question resolved with (outcome `resolved`); else null. */
    value: text('value'),
    recordedAt: text('recorded_at').notNull(),
    reopenedSeq: integer('reopened_seq'),
    reopenReason: text('reopen_reason'),
    reopenedAt: text('reopened_at'),
  },
  (t) => [
    index('resolutions_claim_idx').on(t.claimId, t.seq),
    // The latest reopening in one lookup: with max(seq), the version of everything scored (see scoringVersion).
    index('resolutions_reopened_idx').on(t.reopenedSeq),
  ],
);

/**
 * Forecasts of multiple-choice, numeric and date questions (issue 17): their values as JSON
 * text, `probabilities` (one per option) or `cdf` (201 points). Yes/no forecasts stay in
 * `forecasts`, which every yes/no score reads.
 */
export const questionForecasts = sqliteTable(
  'question_forecasts',
  {
    seq: integer('seq').primaryKey(),
    claimId: text('claim_id')
      .notNull()
      .references(() => claims.id),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    /** `probabilities` or `cdf`. */
    kind: text('kind').notNull(),
    /** JSON array of numbers. */
    vals: text('vals').notNull(),
    madeAt: text('made_at').notNull(),
    note: text('note'),
    backfilled: integer('backfilled', { mode: 'boolean' }).notNull(),
    ...retraction,
  },
  (t) => [index('question_forecasts_claim_idx').on(t.claimId, t.madeAt), index('question_forecasts_source_idx').on(t.sourceId, t.claimId)],
);

/** Projection tables in the order rows must be inserted (parents first) and cleared (children first). */
export const PROJECTION_TABLES = [
  'sources',
  'claims',
  'claim_revisions',
  'forecasts',
  'question_forecasts',
  'stances',
  'evidence',
  'resolutions',
] as const;
export type ProjectionTable = (typeof PROJECTION_TABLES)[number];

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

/**
 * API tokens. Not part of the ledger (credentials must not travel in an export); only a
 * SHA-256 of each token's secret is kept, compared in constant time.
 */
export const tokens = sqliteTable('tokens', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  sourceId: text('source_id')
    .notNull()
    .references(() => sources.id),
  scope: text('scope').notNull(),
  secretHash: text('secret_hash').notNull(),
  createdAt: text('created_at').notNull(),
  revokedAt: text('revoked_at'),
});

/**
 * Outgoing webhooks (not part of the ledger: configuration and delivery state, like tokens).
 * `after_seq` is the ledger position up to which the webhook's deliveries are enqueued, and
 * `due_after` the instant up to which due dates have been scanned for `claim.due`; both move
 * forward in the same batch that inserts the deliveries (src/db/webhooks.ts).
 */
export const webhooks = sqliteTable('webhooks', {
  id: text('id').primaryKey(),
  url: text('url').notNull(),
  /** JSON array of event types. */
  events: text('events').notNull(),
  /** The Standard Webhooks signing secret (`whsec_…`); needed in clear to sign. */
  secret: text('secret').notNull(),
  format: text('format').notNull(),
  createdAt: text('created_at').notNull(),
  afterSeq: integer('after_seq').notNull(),
  dueAfter: text('due_after').notNull(),
  deletedAt: text('deleted_at'),
});

/** The outbox: one row per (webhook, event), enqueued exactly once (the unique key), delivered after commit. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    /** The Standard Webhooks `webhook-id`: the same on every retry, so a receiver can deduplicate. */
    id: text('id').primaryKey(),
    webhookId: text('webhook_id')
      .notNull()
      .references(() => webhooks.id),
    eventType: text('event_type').notNull(),
    /** `seq:<n>` for a ledger event, `due:<claim>:<date>` for a claim falling due. */
    eventKey: text('event_key').notNull(),
    payload: text('payload').notNull(),
    /** pending | delivered | failed | cancelled */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull(),
    /** Epoch ms of the next try (pending only). */
    nextAttemptAt: integer('next_attempt_at').notNull(),
    /** Epoch ms until which one dispatcher holds it (an attempt in flight). */
    leaseUntil: integer('lease_until'),
    createdAt: text('created_at').notNull(),
    deliveredAt: text('delivered_at'),
  },
  (t) => [uniqueIndex('webhook_deliveries_event_unique').on(t.webhookId, t.eventKey), index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt)],
);

/** The delivery log: every attempt with its answer (status code) or error. */
export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id),
    attempt: integer('attempt').notNull(),
    at: text('at').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [primaryKey({ columns: [t.deliveryId, t.attempt] })],
);
