/**
 * Delivers webhooks after commit, never in the way of a write: a loop (every `pollMs`, and at
 * once when kicked) that (1) enqueues each webhook's new ledger events and passed due dates into
 * the outbox, exactly once (src/db/webhooks.ts), and (2) sends the deliveries that are due,
 * logging every attempt and scheduling retries with backoff for a day. Its state is all in the
 * database, so a restarted server resumes where the last one stopped; an attempt cut off by a
 * crash is tried again once its lease ends (receivers deduplicate by `webhook-id`).
 */
import type { Client } from '@libsql/client';
import { enqueueDueClaims, enqueueLedgerEvents, getWebhook, leaseDueDeliveries, listWebhooks, recordAttempt, type Delivery, type Webhook } from '../db/webhooks.js';
import { RETRY_DELAYS_MS, retryDelay, webhookBody } from '../domain/webhooks.js';
import { sendSigned } from './send.js';

export interface DispatcherOptions {
  /** RECKON_WEBHOOK_ALLOW_PRIVATE: deliver to loopback and private addresses too. */
  allowPrivate: boolean;
  /** How often to look for new events and due deliveries (ms). */
  pollMs?: number;
  /** Time limit of one attempt (ms). */
  timeoutMs?: number;
  /** Waits before each retry (ms); the default spans a day. */
  retryDelaysMs?: readonly number[];
  /** Deliveries sent at once. */
  concurrency?: number;
}

export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private readonly pollMs: number;
  private readonly timeoutMs: number;
  private readonly delays: readonly number[];
  private readonly concurrency: number;

  constructor(
    private readonly client: Client,
    private readonly opts: DispatcherOptions,
  ) {
    this.pollMs = opts.pollMs ?? 1_000;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.delays = opts.retryDelaysMs ?? RETRY_DELAYS_MS;
    this.concurrency = opts.concurrency ?? 8;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.kick();
  }

  /** Run a pass now (or right after the one in progress). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.pass().finally(() => {
      this.running = null;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        this.kick();
      } else {
        this.timer = setTimeout(() => this.kick(), this.pollMs);
        this.timer.unref();
      }
    });
  }

  /** Stop polling and wait for the pass in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private async pass(): Promise<void> {
    try {
      await this.enqueue();
      await this.deliverDue();
    } catch (err) {
      // A storage error (busy, closed) ends this pass only; the next one starts from the database's state.
      if (!this.stopped) console.error('[reckon] webhook dispatcher:', err instanceof Error ? err.message : err);
    }
  }

  private async enqueue(): Promise<void> {
    const now = new Date();
    for (const w of await listWebhooks(this.client)) {
      if (this.stopped) return;
      // Catch up a page at a time, a bounded number of pages per pass.
      for (let i = 0; i < 20 && (await enqueueLedgerEvents(this.client, w)) > 0; i++);
      if (w.events.includes('claim.due')) await enqueueDueClaims(this.client, w, now);
    }
  }

  private async deliverDue(): Promise<void> {
    const hooks = new Map<string, Webhook | null>();
    for (;;) {
      if (this.stopped) return;
      const batch = await leaseDueDeliveries(this.client, Date.now(), this.concurrency, this.timeoutMs * 2 + 5_000);
      if (batch.length === 0) return;
      await Promise.all(batch.map((d) => this.attempt(d, hooks)));
    }
  }

  private async attempt(d: Delivery, hooks: Map<string, Webhook | null>): Promise<void> {
    if (!hooks.has(d.webhookId)) hooks.set(d.webhookId, await getWebhook(this.client, d.webhookId));
    const hook = hooks.get(d.webhookId);
    const at = new Date();
    const attempt = d.attempts + 1;
    if (!hook) {
      await recordAttempt(this.client, d, { attempt, at: at.toISOString(), statusCode: null, error: 'the webhook was deleted', durationMs: 0 }, { status: 'failed', nextAttemptAt: d.nextAttemptAt });
      return;
    }
    const result = await sendSigned({ url: hook.url, secret: hook.secret, id: d.id, body: webhookBody(hook.format, d.message), timeoutMs: this.timeoutMs, allowPrivate: this.opts.allowPrivate, now: at });
    const wait = result.ok ? null : retryDelay(attempt, this.delays);
    const next = result.ok ? { status: 'delivered' as const, nextAttemptAt: at.getTime() } : wait === null ? { status: 'failed' as const, nextAttemptAt: at.getTime() } : { status: 'pending' as const, nextAttemptAt: at.getTime() + wait };
    await recordAttempt(this.client, d, { attempt, at: at.toISOString(), statusCode: result.statusCode, error: result.error, durationMs: result.durationMs }, next);
  }
}
