import type { Context, Next } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { ApiError } from './errors.js';
import { tokenOf } from './auth.js';

export interface RateLimitOptions {
  /** Writes allowed per minute per token (or per address without one); 0 turns the limit off. */
  perMinute: number;
  /** Read the client address from X-Forwarded-For (only behind a proxy you trust). */
  trustProxy: boolean;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function clientKey(c: Context, trustProxy: boolean): string {
  const token = tokenOf(c);
  if (token) return `token:${token.id}`;
  if (trustProxy) {
    // The rightmost hop is the one our own proxy added; the leftmost is the client's to set.
    const forwarded = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
    if (forwarded) return `addr:${forwarded}`;
  }
  try {
    return `addr:${getConnInfo(c).remote.address ?? 'unknown'}`;
  } catch {
    return 'addr:unknown';
  }
}

/**
 * A token bucket per client for writes: `perMinute` tokens refilled continuously, bursts up
 * to a quarter of that. Over the limit: 429 problem+json with Retry-After.
 */
export function writeRateLimit(opts: RateLimitOptions) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const capacity = Math.max(1, Math.ceil(opts.perMinute / 4));
  const perMs = opts.perMinute / 60_000;
  return async (c: Context, next: Next) => {
    if (opts.perMinute <= 0 || !WRITE_METHODS.has(c.req.method)) return next();
    const key = clientKey(c, opts.trustProxy);
    const now = Date.now();
    const b = buckets.get(key) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + (now - b.at) * perMs);
    b.at = now;
    if (b.tokens < 1) {
      buckets.set(key, b);
      const wait = Math.ceil((1 - b.tokens) / perMs / 1000);
      throw new ApiError(429, 'rate-limited', `Too many writes: at most ${opts.perMinute} a minute.`, undefined, { 'retry-after': String(wait) });
    }
    b.tokens -= 1;
    buckets.set(key, b);
    if (buckets.size > 10_000) for (const [k, v] of buckets) if (now - v.at > 120_000) buckets.delete(k);
    return next();
  };
}
