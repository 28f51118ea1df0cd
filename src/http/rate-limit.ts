import type { Context, MiddlewareHandler, Next } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { ApiError } from './errors.js';
import { tokenOf } from './auth.js';

export interface RateLimitOptions {
  /** Writes allowed per minute per token (or per address without one); 0 turns the limit off. */
  perMinute: number;
  /** Read the client address from X-Forwarded-For (only behind a proxy you trust). */
  trustProxy: boolean;
  /** The clock, in ms (tests move it). */
  clock?: () => number;
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
 *
 * A bucket untouched for as long as a full refill takes (capacity / rate, 15 s at any rate)
 * is full again, exactly as if it did not exist, so it can go. The map is swept for such
 * buckets by time — at most once per refill period, whatever its size — so memory stays
 * bounded by the clients of the last two periods and no write pays for a scan of the rest.
 */
export function writeRateLimit(opts: RateLimitOptions): MiddlewareHandler & { stats(): { buckets: number; sweeps: number } } {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const capacity = Math.max(1, Math.ceil(opts.perMinute / 4));
  const perMs = opts.perMinute / 60_000;
  const refillMs = capacity / perMs;
  const clock = opts.clock ?? Date.now;
  let sweptAt = clock();
  let sweeps = 0;
  const sweep = (now: number) => {
    sweptAt = now;
    sweeps++;
    for (const [k, v] of buckets) if (now - v.at >= refillMs) buckets.delete(k);
  };
  const middleware = async (c: Context, next: Next) => {
    if (opts.perMinute <= 0 || !WRITE_METHODS.has(c.req.method)) return next();
    const now = clock();
    if (now - sweptAt >= refillMs) sweep(now);
    const key = clientKey(c, opts.trustProxy);
    const b = buckets.get(key) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + (now - b.at) * perMs);
    b.at = now;
    buckets.set(key, b);
    if (b.tokens < 1) {
      const wait = Math.ceil((1 - b.tokens) / perMs / 1000);
      throw new ApiError(429, 'rate-limited', `Too many writes: at most ${opts.perMinute} a minute.`, undefined, { 'retry-after': String(wait) });
    }
    b.tokens -= 1;
    return next();
  };
  return Object.assign(middleware, { stats: () => ({ buckets: buckets.size, sweeps }) });
}
