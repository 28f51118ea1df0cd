import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sources } from './schema.js';

/** Operational state beside the ledger: API tokens and outgoing webhooks (not projections of events). */

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
