import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Client, Transaction } from '@libsql/client';

/**
 * `write`: create claims and sources, forecast as its own source, record stances and evidence;
 * `resolve`: that, and resolve, reopen and edit claims; `admin`: anything, for any source.
 */
export const SCOPES = ['write', 'resolve', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export interface TokenInfo {
  id: string;
  name: string;
  sourceId: string;
  scope: Scope;
  createdAt: string;
  revokedAt: string | null;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** A token's name is the actor recorded with its events; ownership of evidence follows it. */
export class TokenNameError extends Error {
  readonly pointer = '/name';
}

/**
 * Why a token may not take this name, or null. Names the ledger already gives other actors are
 * refused — `local` (tokenless loopback writes), `demo` (the demo import) and `cli:…` (the
 * command line) — since a token so named would own, and could retract, their entries. So is
 * any name a token ever had, revoked or not: a new token must not inherit an old one's record.
 */
export async function tokenNameProblem(client: Pick<Client, 'execute'>, name: string): Promise<string | null> {
  if (/^(?:local|demo)$/i.test(name) || /^cli:/i.test(name)) return `'${name}' is reserved: events without a token are recorded under it`;
  if (!/^[\w.@-]{1,64}$/.test(name)) return 'letters, digits, . _ @ - only, at most 64';
  const rs = await client.execute({ sql: 'SELECT revoked_at FROM tokens WHERE lower(name) = lower(?)', args: [name] });
  const row = rs.rows[0];
  if (!row) return null;
  return row.revoked_at === null ? `a token named '${name}' exists already` : `a revoked token was named '${name}'; its events keep that name, so a new token may not take it`;
}

/**
 * A token reads `rk_<id>_<secret>`: the id finds the row, the 256-bit secret is checked
 * against its stored SHA-256 in constant time. A long random secret needs no slow KDF.
 */
export async function createToken(client: Client, opts: { name: string; sourceId: string; scope: Scope }): Promise<{ token: string; info: TokenInfo }> {
  const problem = await tokenNameProblem(client, opts.name);
  if (problem) throw new TokenNameError(problem);
  if (!(SCOPES as readonly string[]).includes(opts.scope)) throw new Error(`unknown scope '${String(opts.scope)}' (write, resolve or admin)`);
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const createdAt = new Date().toISOString();
  await client.execute({
    sql: 'INSERT INTO tokens (id, name, source_id, scope, secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    args: [id, opts.name, opts.sourceId, opts.scope, sha256(secret).toString('hex'), createdAt],
  });
  return { token: `rk_${id}_${secret}`, info: { id, name: opts.name, sourceId: opts.sourceId, scope: opts.scope, createdAt, revokedAt: null } };
}

function infoFromRow(r: Record<string, unknown>): TokenInfo {
  return { id: String(r.id), name: String(r.name), sourceId: String(r.source_id), scope: String(r.scope) as Scope, createdAt: String(r.created_at), revokedAt: r.revoked_at === null ? null : String(r.revoked_at) };
}

/** The live token a presented bearer string belongs to, or null. */
export async function checkToken(client: Client, presented: string): Promise<TokenInfo | null> {
  const m = /^rk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(presented);
  if (!m) return null;
  const rs = await client.execute({ sql: 'SELECT * FROM tokens WHERE id = ? AND revoked_at IS NULL', args: [m[1] as string] });
  const row = rs.rows[0];
  if (!row) return null;
  const ok = timingSafeEqual(sha256(m[2] as string), Buffer.from(String(row.secret_hash), 'hex'));
  return ok ? infoFromRow(row) : null;
}

export async function listTokens(client: Client): Promise<TokenInfo[]> {
  const rs = await client.execute('SELECT * FROM tokens ORDER BY created_at, name');
  return rs.rows.map(infoFromRow);
}

export async function revokeToken(client: Client, name: string): Promise<boolean> {
  const rs = await client.execute({ sql: 'UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL', args: [new Date().toISOString(), name] });
  return rs.rowsAffected > 0;
}

/** True when a live (not revoked) token exists; also inside a transaction (the write guard). */
export async function anyLiveToken(client: Pick<Client, 'execute'> | Pick<Transaction, 'execute'>): Promise<boolean> {
  const rs = await client.execute('SELECT 1 FROM tokens WHERE revoked_at IS NULL LIMIT 1');
  return rs.rows.length > 0;
}
