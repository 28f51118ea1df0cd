/**
 * The read fast path (src/db/fast-read.ts): on an embedded database it answers exactly as the
 * client does, sees every committed write at once, and closes with the database; anything
 * else goes through the client.
 */
import { describe, expect, it } from 'vitest';
import { clientRows, readRows } from '../../src/db/fast-read.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { freshDb, uid } from '../helpers/db.js';

describe('readRows', () => {
  it('answers as the client does and follows each commit', async () => {
    const db = await freshDb();
    const ledger = new Ledger(db);
    const fast = readRows(db);
    expect(readRows(db)).toBe(fast);
    // Its own connection, closed with the client's close (which it wraps).
    expect(Object.hasOwn(db.client, 'close')).toBe(true);
    const id = uid('src');
    const queries: Array<[string, unknown[]]> = [
      ['SELECT id, name, type, country, url, seq FROM sources WHERE id = ?', [id]],
      ["SELECT 1.5, 'x', NULL, 9007199254740991, printf('%!.17g', 0.1 + 0.2)", []],
      ['SELECT count(*) FROM events', []],
    ];
    const same = async () => {
      for (const [sql, args] of queries) expect(await fast(sql, args as never), sql).toEqual(await clientRows(db.client)(sql, args as never));
    };
    await same();
    expect(await fast('SELECT count(*) FROM sources WHERE id = ?', [id])).toEqual([[0]]);
    // A write through the ledger (the client's pool) is seen by the next read on the fast path.
    await ledger.append({ type: 'source.register', input: { id, name: 'Fast', type: 'person' } });
    expect(await fast('SELECT name FROM sources WHERE id = ?', [id])).toEqual([['Fast']]);
    await same();
    db.close();
    // Closed with the database: afterwards it answers as the closed client does.
    await expect(fast('SELECT 1')).rejects.toThrow();
  });

  it('leaves a URL it cannot read plainly to the client', async () => {
    const db = await freshDb();
    const other = { client: db.client, url: `${db.url}?tls=0`, local: true };
    const rows = await readRows(other)('SELECT 41 + 1');
    expect(rows).toEqual([[42]]);
    expect(Object.hasOwn(db.client, 'close')).toBe(false);
  });
});
