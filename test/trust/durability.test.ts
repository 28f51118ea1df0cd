import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { verifyChain } from '../../src/ledger/verify.js';
import { freshDb } from '../helpers/db.js';

const base = await freshDb();

describe('durability settings', () => {
  it.each(['full', 'normal'] as const)('RECKON_DURABILITY=%s: writes commit with that synchronous level', async (durability) => {
    const db = await openDatabase({ url: `file:${base.path}`, durability });
    const ledger = new Ledger(db);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => ledger.append({ type: 'source.register', input: { name: `${durability} source ${i}`, type: 'media' } })));
    expect(results).toHaveLength(20);
    // The write transaction ran on the connection the PRAGMA was set on: read it back there.
    const tx = await db.client.transaction('write');
    const level = Number((await tx.execute('PRAGMA synchronous')).rows[0]?.synchronous);
    await tx.rollback();
    tx.close();
    expect(level).toBe(durability === 'full' ? 2 : 1);
    expect(await verifyChain(db.client)).toMatchObject({ ok: true });
    db.close();
  });
});
