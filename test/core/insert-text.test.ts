/**
 * Multi-row INSERT text is kept once made (src/db/write-ops.ts): the same table with other
 * columns, OR IGNORE, or another row count must each get their own text, and every text must be
 * the one built from scratch.
 */
import { describe, expect, it } from 'vitest';
import { groupInserts, multiRowInserts, rowGroup } from '../../src/db/write-ops.js';

const sqlOf = (table: string, rows: Array<Record<string, number | string | null>>, orIgnore = false) => multiRowInserts(table, rows, orIgnore).map((st) => (st as { sql: string }).sql);

describe('multi-row INSERT text', () => {
  it('differs by row count, columns and OR IGNORE, however often asked, in any order', () => {
    const row = (i: number) => ({ a: i, b: `x${i}` });
    for (let round = 0; round < 3; round++) {
      expect(sqlOf('t', [row(1), row(2), row(3)])).toEqual(['INSERT INTO t (a, b) VALUES (?, ?), (?, ?), (?, ?)']);
      expect(sqlOf('t', [row(1)])).toEqual(['INSERT INTO t (a, b) VALUES (?, ?)']);
      expect(sqlOf('t', [row(1), row(2)], true)).toEqual(['INSERT OR IGNORE INTO t (a, b) VALUES (?, ?), (?, ?)']);
      expect(sqlOf('t', [{ b: 'x', a: 1 }, { b: 'y', a: 2 }])).toEqual(['INSERT INTO t (b, a) VALUES (?, ?), (?, ?)']);
      expect(sqlOf('u', [{ a: 1 }])).toEqual(['INSERT INTO u (a) VALUES (?)']);
    }
  });

  it('splits a group past the parameter limit, each statement with its own row count', () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => ({ a: i, b: i, c: i }));
    const statements = groupInserts(rowGroup('t', rows)!) as Array<{ sql: string; args: unknown[] }>;
    expect(statements.map((st) => st.args.length)).toEqual([30_000, 3]);
    expect(statements[1]?.sql).toBe('INSERT INTO t (a, b, c) VALUES (?, ?, ?)');
    expect(statements[0]?.sql).toBe(`INSERT INTO t (a, b, c) VALUES ${new Array(10_000).fill('(?, ?, ?)').join(', ')}`);
  });
});
