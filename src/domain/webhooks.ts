/**
 * Outgoing webhooks, the pure part: which events exist, the retry schedule, which addresses a
 * target may resolve to, and the body each format sends.
 */
import ipaddr from 'ipaddr.js';

export const WEBHOOK_EVENTS = ['claim.created', 'claim.due', 'claim.resolved', 'claim.reopened', 'forecast.recorded'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** Events that are ledger events of the same type (claim.due is a date passing, found by a scan). */
export const LEDGER_WEBHOOK_EVENTS: readonly string[] = ['claim.created', 'claim.resolved', 'claim.reopened', 'forecast.recorded'];

export const WEBHOOK_FORMATS = ['json', 'slack', 'discord'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
/**
 * Waits before each retry, in ms: 5 s, 1 min, 5 min, 30 min, 2 h, 5 h, 8 h, 8 h — nine attempts
 * over 23 h 36 min, so a receiver that is down for up to a day still gets the event. Modelled on
 * the schedule Svix publishes for Standard Webhooks (5 s … 10 h), cut to a day.
 */
export const RETRY_DELAYS_MS: readonly number[] = [5 * S, MIN, 5 * MIN, 30 * MIN, 2 * H, 5 * H, 8 * H, 8 * H];

/** The wait before the next attempt after `attempts` failed ones, or null when retries are spent. */
export function retryDelay(attempts: number, delays: readonly number[] = RETRY_DELAYS_MS): number | null {
  return attempts >= 1 && attempts <= delays.length ? (delays[attempts - 1] as number) : null;
}

/**
 * Whether an address may be a webhook target: only public unicast. Loopback, private (RFC 1918),
 * carrier-grade NAT, link-local (cloud metadata at 169.254.169.254), unique-local, multicast,
 * unspecified and reserved ranges are refused; an IPv4-mapped IPv6 address is judged as IPv4.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

/** What a delivery says, before it is shaped for a format. */
export interface WebhookMessage {
  type: WebhookEvent;
  /** ISO instant of the event (its recording time; for claim.due, the due date). */
  timestamp: string;
  data: Record<string, unknown>;
}

/** One line for people (Slack, Discord): what happened to which claim. */
export function describeMessage(m: WebhookMessage): string {
  const d = m.data as { title?: string; claimId?: string; probability?: number; sourceId?: string; outcome?: string; reason?: string; dueAt?: string };
  const title = d.title ?? d.claimId ?? 'a claim';
  switch (m.type) {
    case 'claim.created':
      return `New claim logged: “${title}”`;
    case 'claim.due':
      return `Due ${d.dueAt ?? ''} and still open: “${title}” needs resolution`;
    case 'claim.resolved':
      return `Resolved ${d.outcome ?? ''}: “${title}”`;
    case 'claim.reopened':
      return `Reopened: “${title}”${d.reason ? ` — ${d.reason}` : ''}`;
    case 'forecast.recorded':
      return `${d.sourceId ?? 'Someone'} forecast ${d.probability !== undefined ? `${Math.round(d.probability * 1000) / 10}%` : ''} on “${title}”`;
  }
}

/**
 * The request body. `json`: the Standard Webhooks payload shape `{ type, timestamp, data }`;
 * `slack`: an incoming-webhook message `{ text }`; `discord`: an execute-webhook message
 * `{ content }` (at most 2000 characters).
 */
export function webhookBody(format: WebhookFormat, m: WebhookMessage): string {
  if (format === 'slack') return JSON.stringify({ text: describeMessage(m) });
  if (format === 'discord') return JSON.stringify({ content: describeMessage(m).slice(0, 2000) });
  return JSON.stringify({ type: m.type, timestamp: m.timestamp, data: m.data });
}
