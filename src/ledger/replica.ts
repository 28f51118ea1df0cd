/**
 * Read-your-writes on an embedded replica (RECKON_DATABASE_URL=file:… with
 * RECKON_DATABASE_SYNC_URL): reads are served from the local file, writes go to the primary.
 * @libsql/client is asked to sync the file after each write it sends (`readYourWrites`); the
 * writer checks it before answering, because its answers are followed by reads of this very
 * file (the claim page after a forecast): it answers once the file holds its own last event,
 * syncing if it does not yet.
 */
import type { Client } from '@libsql/client';

/** Syncs tried before answering anyway (the write is committed on the primary either way). */
const MAX_SYNCS = 3;

/**
 * Wait until the replica's file holds `last` (the writer's own last committed event). A local
 * lookup when it does; a sync with the primary (a round trip) when it does not. Returns
 * whether it does: if syncing fails, the answer still goes out (the write is durable on the
 * primary, and refusing it would invite a retry that records it twice).
 */
export async function awaitOwnWrite(client: Pick<Client, 'execute' | 'sync'>, last: { seq: number; hash: string }): Promise<boolean> {
  for (let syncs = 0; ; syncs++) {
    const rs = await client.execute({ sql: 'SELECT hash FROM events WHERE seq = ?', args: [last.seq] });
    if (rs.rows[0]?.[0] === last.hash) return true;
    if (syncs >= MAX_SYNCS) return false;
    try {
      await client.sync();
    } catch {
      return false;
    }
  }
}
