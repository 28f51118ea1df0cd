import type { Context, Next } from 'hono';
import type { Client } from '@libsql/client';
import { anyLiveToken, checkToken, type TokenInfo } from '../db/tokens.js';
import { ApiError } from './errors.js';
import type { WriteGuard } from '../ledger/ledger.js';
import { getConnInfo } from '@hono/node-server/conninfo';
import { forwardedAddresses, isLoopbackAddress, isLoopbackHost, isLoopbackHostHeader, isLoopbackOrigin } from './loopback.js';

export { isLoopbackHost };

export interface AuthOptions {
  /** Reads open to all (`public`) or only with a token (`token`). */
  read: 'public' | 'token';
  /** True when the server listens on loopback only: then, with no token configured, writes stay open. */
  loopback: boolean;
  /** Behind a proxy (RECKON_TRUST_PROXY): a forwarded client address must be loopback for a tokenless write. */
  trustProxy?: boolean;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CHALLENGE = { 'www-authenticate': 'Bearer realm="reckon"' };
const NEEDS_TOKEN = 'Writing needs an API token: send Authorization: Bearer <token> (on the server machine: npx reckon token create --name NAME --source SOURCE-ID).';
/** How long "no token exists" is taken as still true before asking the database again. */
const NO_TOKEN_MEMORY_MS = 1_000;

/** A tokenless write commits only if, inside its transaction, there is still no live token. */
export const NO_LIVE_TOKEN: WriteGuard = {
  async check(tx) {
    return (await anyLiveToken(tx)) ? new ApiError(401, 'unauthorized', NEEDS_TOKEN, undefined, CHALLENGE) : null;
  },
  holds: 'SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM tokens WHERE revoked_at IS NULL)',
};

/** The token behind this request, if one was presented and is live. */
export function tokenOf(c: Context): TokenInfo | null {
  return (c.get('token' as never) as TokenInfo | undefined) ?? null;
}

/**
 * Who may do what. A presented token must be live (else 401). Writes need a token unless the
 * server is on loopback and no token exists yet (one-person local use); reads need one when
 * RECKON_READ=token. The actor recorded with each event is the token's name, else `local`.
 */
export function authMiddleware(client: Client, opts: AuthOptions) {
  let noTokenSeenAt = -Infinity;
  let asking: Promise<boolean> | null = null;
  return async (c: Context, next: Next) => {
    const header = c.req.header('authorization');
    let token: TokenInfo | null = null;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      token = m ? await checkToken(client, m[1] as string) : null;
      if (!token) throw new ApiError(401, 'unauthorized', 'The token is not valid (or was revoked).', undefined, CHALLENGE);
      c.set('token' as never, token as never);
      c.set('actor' as never, token.name as never);
    }
    const write = WRITE_METHODS.has(c.req.method);
    if (!token) {
      if (write && !opts.loopback) throw new ApiError(401, 'unauthorized', NEEDS_TOKEN, undefined, CHALLENGE);
      if (write) {
        // Open loopback writes last only while no token exists. The answer is remembered for a
        // moment to spare a query per request, and the ledger checks it again, exactly, inside
        // the transaction that would record the write (NO_LIVE_TOKEN).
        if (performance.now() - noTokenSeenAt > NO_TOKEN_MEMORY_MS) {
          // One query answers every request that arrives while it runs (a round trip to a server).
          asking ??= anyLiveToken(client).finally(() => (asking = null));
          if (await asking) throw new ApiError(401, 'unauthorized', NEEDS_TOKEN, undefined, CHALLENGE);
          noTokenSeenAt = performance.now();
        }
        c.set('writeGuard' as never, NO_LIVE_TOKEN as never);
      }
      if (write) assertLocalRequest(c, opts.trustProxy ?? false);
      if (!write && opts.read === 'token') throw new ApiError(401, 'unauthorized', 'Reading needs an API token on this server (RECKON_READ=token).', undefined, CHALLENGE);
      c.set('actor' as never, 'local' as never);
    }
    return next();
  };
}

/** A `write` token forecasts only as its own source; another source's forecasts need `admin`. */
export function assertMayForecastAs(c: Context, sourceId: string): void {
  const token = tokenOf(c);
  if (token && token.scope !== 'admin' && token.sourceId !== sourceId) {
    throw new ApiError(403, 'forbidden', `This token forecasts as '${token.sourceId}' only; recording forecasts of '${sourceId}' needs an admin token.`, [{ pointer: '/sourceId', message: 'not this token’s source' }]);
  }
}

/**
 * Tokenless writes are for one person on this machine. Refused: a Host that is not a literal
 * loopback name (DNS rebinding), a browser's Origin that is not a loopback page (`null`
 * included: sandboxed frames and `data:` pages send it), and, behind a trusted proxy, any
 * forwarded client address that is not loopback (the proxy itself connects from loopback).
 */
function assertLocalRequest(c: Context, trustProxy: boolean): void {
  if (!isLoopbackHostHeader(c.req.header('host') ?? new URL(c.req.url).host)) {
    throw new ApiError(403, 'forbidden', 'Writes without a token are accepted only from this machine (Host must be localhost or a loopback address).');
  }
  const origin = c.req.header('origin');
  if (origin !== undefined && !isLoopbackOrigin(origin)) {
    throw new ApiError(403, 'forbidden', 'Writes without a token are not accepted from pages of another origin (or an opaque `null` origin).');
  }
  if (trustProxy) {
    const forwarded = forwardedAddresses((name) => c.req.header(name));
    const addresses = forwarded.length > 0 ? forwarded : [peerAddress(c)];
    if (!addresses.every((a) => a !== null && isLoopbackAddress(a))) throw new ApiError(401, 'unauthorized', NEEDS_TOKEN, undefined, CHALLENGE);
  }
}

/** The socket peer's address; null where there is no socket (app.request in tests). */
function peerAddress(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

/**
 * Retracting is for the item's owner. A forecast belongs to its forecaster: the token of that
 * source retracts it. A stance or evidence belongs to whoever recorded it (`recordedBy`), not
 * to the source it is about: a source cannot make a stance on record about itself disappear,
 * and the token that recorded it can correct its own entry. `admin` may retract anything.
 */
export function assertMayRetract(c: Context, target: { type: string; recordedBy: string | null; payload: Record<string, unknown> } | null): void {
  const token = tokenOf(c);
  if (!token || token.scope === 'admin' || !target) return;
  const own = target.type === 'forecast.recorded' ? target.payload.sourceId === token.sourceId : target.recordedBy === token.name;
  if (own) return;
  const whose = target.type === 'forecast.recorded' ? `forecasts of '${token.sourceId}'` : `what it recorded itself (this was recorded by '${target.recordedBy ?? 'local'}')`;
  throw new ApiError(403, 'forbidden', `This token may retract only ${whose}; anything else needs an admin token.`);
}

/**
 * Resolving, reopening and editing a claim decide how every forecast on it is scored, so they
 * need a token of scope `resolve` (or `admin`); a `write` token forecasts and records, but does
 * not grade. Tokenless local use is not affected.
 */
export function assertMayResolve(c: Context, action: 'resolve' | 'reopen' | 'edit'): void {
  const token = tokenOf(c);
  if (token && token.scope !== 'admin' && token.scope !== 'resolve') {
    throw new ApiError(403, 'forbidden', `To ${action} a claim needs a token of scope resolve or admin; this one has scope ${token.scope}.`);
  }
}
