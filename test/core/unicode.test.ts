import { describe, expect, it } from 'vitest';
import { RuleError } from '../../src/domain/rules.js';
import { freshApp } from '../helpers/db.js';

const ctx = await freshApp();
const count = async () => Number((await ctx.db.client.execute('SELECT count(*) AS n FROM events')).rows[0]?.n);

describe('text that cannot be canonicalised', () => {
  it('a lone surrogate reaching the ledger directly (CLI, import) is a rule error, and writes nothing', async () => {
    const before = await count();
    await expect(ctx.ledger.append({ type: 'source.register', input: { name: 'bad \ud800 name', type: 'media' } })).rejects.toBeInstanceOf(RuleError);
    await expect(ctx.ledger.appendAll([{ type: 'source.register', input: { name: 'fine', type: 'media' } }, { type: 'source.register', input: { name: '\udc00', type: 'media' } }])).rejects.toThrow(/surrogate/);
    expect(await count()).toBe(before);
  });

  it('other Unicode goes in and comes back unchanged', async () => {
    const name = 'Ελληνικά · العربية · 中文 · 👩🏽‍🔬 · e\u0301 · \u200b';
    const e = await ctx.ledger.append({ type: 'source.register', input: { name, type: 'media' } });
    const row = await ctx.db.client.execute({ sql: 'SELECT name FROM sources WHERE id = ?', args: [e.type === 'source.registered' ? e.payload.id : ''] });
    expect(row.rows[0]?.name).toBe(name);
  });
});
