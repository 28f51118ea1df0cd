/**
 * Webhooks, their outbox and delivery log. Deliveries are derived from the ledger by sequence
 * number after commit: each webhook keeps the position up to which it has enqueued
 * (`after_seq`), and one batch inserts the new deliveries and moves the position. The unique
 * (webhook, event) key makes a second enqueue of the same event (a restart between the two, two
 * processes) a no-op, so every event is enqueued exactly once per webhook.
 */
import { randomBytes } from 'node:crypto';
import type { Client, InStatement, Row } from '@libsql/client';
import { LEDGER_WEBHOOK_EVENTS, type WebhookEvent, type WebhookFormat, type WebhookMessage } from '../domain/webhooks.js';

export interface Webhook {
  id: string;
  url: string;
  events: WebhookEvent[];
  format: WebhookFormat;
  createdAt: string;
  secret: string;
  afterSeq: number;
  dueAfter: string;
}

export interface Delivery {
  id: string;
  webhookId: string;
  eventType: string;
  eventKey: string;
  message: WebhookMessage;
  status: 'pending' | 'delivered' | 'failed' | 'cancelled';
  attempts: number;
  nextAttemptAt: number;
  createdAt: string;
  deliveredAt: string | null;
}

export interface Attempt {
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

function webhookFromRow(r: Row): Webhook {
  return { id: String(r.id), url: String(r.url), events: JSON.parse(String(r.events)), format: String(r.format) as WebhookFormat, createdAt: String(r.created_at), secret: String(r.secret), afterSeq: Number(r.after_seq), dueAfter: String(r.due_after) };
}

function deliveryFromRow(r: Row): Delivery {
  return {
    id: String(r.id),
    webhookId: String(r.webhook_id),
    eventType: String(r.event_type),
    eventKey: String(r.event_key),
    message: JSON.parse(String(r.payload)),
    status: String(r.status) as Delivery['status'],
    attempts: Number(r.attempts),
    nextAttemptAt: Number(r.next_attempt_at),
    createdAt: String(r.created_at),
    deliveredAt: str(r.delivered_at),
  };
}

/** A new webhook: it hears of events recorded after now (the ledger's head) and dates passing after now. */
export async function insertWebhook(client: Client, w: { url: string; events: WebhookEvent[]; format: WebhookFormat; secret: string }): Promise<Webhook> {
  const id = `wh_${randomBytes(8).toString('hex')}`;
  const createdAt = new Date().toISOString();
  await client.execute({
    sql: 'INSERT INTO webhooks (id, url, events, secret, format, created_at, after_seq, due_after) VALUES (?, ?, ?, ?, ?, ?, (SELECT ifnull(max(seq), 0) FROM events), ?)',
    args: [id, w.url, JSON.stringify(w.events), w.secret, w.format, createdAt, createdAt],
  });
  return (await getWebhook(client, id)) as Webhook;
}

export async function getWebhook(client: Client, id: string): Promise<Webhook | null> {
  const rs = await client.execute({ sql: 'SELECT * FROM webhooks WHERE id = ? AND deleted_at IS NULL', args: [id] });
  return rs.rows[0] ? webhookFromRow(rs.rows[0]) : null;
}

export async function listWebhooks(client: Client): Promise<Webhook[]> {
  const rs = await client.execute('SELECT * FROM webhooks WHERE deleted_at IS NULL ORDER BY created_at, id');
  return rs.rows.map(webhookFromRow);
}

/** Delete (kept, marked, for the delivery log's sake) and cancel what it still had to send. */
export async function deleteWebhook(client: Client, id: string): Promise<boolean> {
  const now = new Date().toISOString();
  const [del] = await client.batch(
    [
      { sql: 'UPDATE webhooks SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL', args: [now, id] },
      { sql: "UPDATE webhook_deliveries SET status = 'cancelled', lease_until = NULL WHERE webhook_id = ? AND status = 'pending'", args: [id] },
    ],
    'write',
  );
  return (del?.rowsAffected ?? 0) > 0;
}

function deliveryInsert(webhookId: string, type: string, key: string, message: WebhookMessage, now: number): InStatement {
  return {
    sql: "INSERT OR IGNORE INTO webhook_deliveries (id, webhook_id, event_type, event_key, payload, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
    args: [`msg_${randomBytes(12).toString('hex')}`, webhookId, type, key, JSON.stringify(message), now, new Date(now).toISOString()],
  };
}

/**
 * Enqueue the ledger events after the webhook's position (a page at a time) that it listens to,
 * and move the position, in one batch. Returns how many events were read (0: caught up).
 */
export async function enqueueLedgerEvents(client: Client, w: Webhook, pageSize = 500): Promise<number> {
  const rs = await client.execute({
    sql: 'SELECT e.seq, e.type, e.claim_id, e.recorded_at, e.recorded_by, e.payload, c.title FROM events e LEFT JOIN claims c ON c.id = e.claim_id WHERE e.seq > ? ORDER BY e.seq LIMIT ?',
    args: [w.afterSeq, pageSize],
  });
  if (rs.rows.length === 0) return 0;
  const now = Date.now();
  const statements: InStatement[] = [];
  for (const r of rs.rows) {
    const type = String(r.type);
    if (!LEDGER_WEBHOOK_EVENTS.includes(type) || !w.events.includes(type as WebhookEvent)) continue;
    const data = { seq: Number(r.seq), claimId: str(r.claim_id), title: str(r.title), recordedBy: str(r.recorded_by), ...(JSON.parse(String(r.payload)) as Record<string, unknown>) };
    statements.push(deliveryInsert(w.id, type, `seq:${r.seq}`, { type: type as WebhookEvent, timestamp: String(r.recorded_at), data }, now));
  }
  const last = Number(rs.rows[rs.rows.length - 1]?.seq);
  statements.push({ sql: 'UPDATE webhooks SET after_seq = max(after_seq, ?) WHERE id = ?', args: [last, w.id] });
  await client.batch(statements, 'write');
  w.afterSeq = last;
  return rs.rows.length;
}

/**
 * `claim.due`: open claims whose deadline or check-by date fell in [due_after, now), enqueued
 * once per claim and date (an edited date is a new one), and the scan position moved to now.
 */
export async function enqueueDueClaims(client: Client, w: Webhook, now: Date): Promise<number> {
  const until = now.toISOString();
  const rs = await client.execute({
    sql: "SELECT id, title, kind, due_at FROM claims WHERE due_at >= ? AND due_at < ? AND status = 'open' ORDER BY due_at LIMIT 1000",
    args: [w.dueAfter, until],
  });
  const at = now.getTime();
  const statements: InStatement[] = rs.rows.map((r) =>
    deliveryInsert(w.id, 'claim.due', `due:${r.id}:${r.due_at}`, { type: 'claim.due', timestamp: until, data: { claimId: String(r.id), title: String(r.title), kind: String(r.kind), dueAt: String(r.due_at) } }, at),
  );
  // A full page leaves the position at the last date read, so the rest come next time.
  const next = rs.rows.length === 1000 ? String(rs.rows[999]?.due_at) : until;
  statements.push({ sql: 'UPDATE webhooks SET due_after = max(due_after, ?) WHERE id = ?', args: [next, w.id] });
  await client.batch(statements, 'write');
  w.dueAfter = next;
  return rs.rows.length;
}

/** Take up to `limit` deliveries that are due, holding each for `leaseMs` (one statement, so two dispatchers never take the same one). */
export async function leaseDueDeliveries(client: Client, now: number, limit: number, leaseMs: number): Promise<Delivery[]> {
  const rs = await client.execute({
    sql: `UPDATE webhook_deliveries SET lease_until = ? WHERE id IN (
            SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY next_attempt_at LIMIT ?)
          RETURNING *`,
    args: [now + leaseMs, now, now, limit],
  });
  return rs.rows.map(deliveryFromRow);
}

/** Log one attempt and set what follows: delivered, failed for good, or the next try. */
export async function recordAttempt(client: Client, d: Delivery, a: Attempt, next: { status: 'delivered' | 'failed' | 'pending'; nextAttemptAt: number }): Promise<void> {
  await client.batch(
    [
      { sql: 'INSERT OR IGNORE INTO webhook_attempts (delivery_id, attempt, at, status_code, error, duration_ms) VALUES (?, ?, ?, ?, ?, ?)', args: [d.id, a.attempt, a.at, a.statusCode, a.error, a.durationMs] },
      {
        sql: "UPDATE webhook_deliveries SET attempts = ?, status = CASE WHEN status = 'cancelled' THEN status ELSE ? END, next_attempt_at = ?, lease_until = NULL, delivered_at = ? WHERE id = ?",
        args: [a.attempt, next.status, next.nextAttemptAt, next.status === 'delivered' ? a.at : null, d.id],
      },
    ],
    'write',
  );
}

/** A webhook's deliveries, newest first, each with its attempts; keyset-paged by rowid. */
export async function listDeliveries(client: Client, webhookId: string, limit: number, before?: number): Promise<{ items: Array<Delivery & { attemptLog: Attempt[] }>; next: number | null }> {
  const rs = await client.execute({
    sql: `SELECT rowid AS rid, * FROM webhook_deliveries WHERE webhook_id = ? ${before !== undefined ? 'AND rowid < ?' : ''} ORDER BY rowid DESC LIMIT ?`,
    args: before !== undefined ? [webhookId, before, limit + 1] : [webhookId, limit + 1],
  });
  const rows = rs.rows.slice(0, limit);
  const ids = rows.map((r) => String(r.id));
  const attempts = new Map<string, Attempt[]>(ids.map((id) => [id, []]));
  if (ids.length > 0) {
    const log = await client.execute({ sql: `SELECT * FROM webhook_attempts WHERE delivery_id IN (${ids.map(() => '?').join(',')}) ORDER BY delivery_id, attempt`, args: ids });
    for (const r of log.rows) attempts.get(String(r.delivery_id))?.push({ attempt: Number(r.attempt), at: String(r.at), statusCode: r.status_code === null ? null : Number(r.status_code), error: str(r.error), durationMs: Number(r.duration_ms) });
  }
  return { items: rows.map((r) => ({ ...deliveryFromRow(r), attemptLog: attempts.get(String(r.id)) ?? [] })), next: rs.rows.length > limit ? Number(rows[rows.length - 1]?.rid) : null };
}
