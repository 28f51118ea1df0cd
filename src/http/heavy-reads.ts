import type { Context, MiddlewareHandler, Next } from 'hono';
import { ApiError } from './errors.js';

/** Seconds a refused caller is told to wait (Retry-After). */
const RETRY_AFTER_S = 2;

/**
 * A small concurrency limit for expensive public reads (verification, the overview, time-
 * weighted or quantile calibration). At most `max` such requests are in progress at once, all
 * routes together; one more is answered at once with 503 problem+json and `Retry-After`
 * instead of queueing, so a crowd of them cannot hold up the cheap reads and the writes. A
 * slot is held until the handler's work has ended (also past a request's time limit).
 * Wrap a route with `limit.guard` or apply `limit.when(predicate)` for one kind of request.
 */
export function heavyReadLimit(max: number) {
  let inFlight = 0;
  const guard: MiddlewareHandler = async (_c: Context, next: Next) => {
    if (inFlight >= max) {
      throw new ApiError(503, 'too-many-expensive-reads', `Too many expensive reads are in progress (at most ${max} at once); try again in ${RETRY_AFTER_S} s.`, undefined, { 'retry-after': String(RETRY_AFTER_S) });
    }
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
  };
  const when =
    (heavy: (c: Context) => boolean): MiddlewareHandler =>
    (c, next) =>
      heavy(c) ? guard(c, next) : next();
  return { guard, when, inFlight: () => inFlight };
}

export type HeavyReadLimit = ReturnType<typeof heavyReadLimit>;

/** Calibration is heavy when time-weighted or with quantile bins. */
export const isHeavyCalibration = (c: Context) => c.req.query('rule') === 'time-weighted' || c.req.query('binning') === 'quantile';
