import type { Context } from 'hono';
import type { WriteGuard } from '../ledger/ledger.js';

/** Who is recording: the token's name when one was given, else null (local, open use). */
export function actorOf(c: Context): string | null {
  const actor = c.get('actor' as never) as unknown;
  return typeof actor === 'string' ? actor : null;
}

/** The commit-time check the auth middleware attached to this write, if any (see auth.ts). */
export function guardOf(c: Context): WriteGuard | undefined {
  return c.get('writeGuard' as never) as WriteGuard | undefined;
}
