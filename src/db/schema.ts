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

// Derived totals and operational tables live in their own files; drizzle-kit and callers see them here.
export * from './schema-derived.js';
export * from './schema-ops.js';
