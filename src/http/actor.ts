import type { Context } from 'hono';

/** Who is recording: the token's name when one was given, else null (local, open use). */
export function actorOf(c: Context): string | null {
  const actor = c.get('actor' as never) as unknown;
  return typeof actor === 'string' ? actor : null;
}
