/**
 * src/domain/scoring/fixed-sum.ts against SQLite itself: a sum it proves is the double SQLite's
 * sum() returns for the same terms (in the order given), over many random lists — score-like
 * values, wide magnitudes, heavy cancellation — and it refuses the lists where the double
 * nearest the exact sum is NOT what SQLite returns. Limbs add and subtract exactly.
 */
import { describe, expect, it } from 'vitest';
import { absUnits, addFixedLimbs, fixedTerm, fromLimbs, LIMBS, provenSqliteSum } from '../../src/domain/scoring/fixed-sum.js';
import { freshDb } from '../helpers/db.js';
import { prng } from '../helpers/prng.js';

const db = await freshDb();

/** SQLite's sum() of the terms, in their order. */
async function sqliteSum(xs: number[]): Promise<number> {
  const rs = await db.client.execute({ sql: `SELECT sum(column1) AS s FROM (VALUES ${xs.map(() => '(?)').join(', ')})`, args: xs });
  return Number(rs.rows[0]?.s);
}

function proven(xs: number[]): { value: number | null; nearest: number } {
  let fixed = 0n;
  let abs = 0;
  for (const x of xs) {
    fixed += fixedTerm(x) as bigint;
    abs += absUnits(x);
  }
  return { value: provenSqliteSum(fixed, xs.length, abs), nearest: Number(fixed) / 2 ** 128 };
}


describe('fixed-point sums that prove SQLite’s sum()', () => {
  it('refuses a sum whose nearest double is not SQLite’s (1 + 2⁻⁵³ + 2⁻¹⁰⁶: SQLite gives 1)', async () => {
    const xs = [1, 2 ** -53, 2 ** -106];
    const got = proven(xs);
    expect(await sqliteSum(xs)).toBe(1);
    expect(got.nearest).toBe(1 + 2 ** -52);
    expect(got.value).toBeNull();
  });

  it('equals SQLite’s sum() whenever it proves one, over random lists of many kinds', async () => {
    const rand = prng(3).next;
    const kinds: Array<() => number> = [
      () => (rand() - 0.4) * 300, // baseline or peer scores
      () => rand(), // coverage
      () => (rand() - 0.5) * 2 ** Math.floor(rand() * 60 - 30), // wide magnitudes
      () => Math.round((rand() - 0.5) * 200) / 8, // coarse: exact sums, halfway points
    ];
    let provedCount = 0;
    for (let i = 0; i < 400; i++) {
      const kind = kinds[i % kinds.length] as () => number;
      const xs = Array.from({ length: 1 + Math.floor(rand() ** 2 * 3000) }, kind);
      // Heavy cancellation now and then: the same terms again, negated, in another order.
      if (i % 5 === 4) xs.push(...xs.map((x) => -x * (1 + 2 ** -40)).reverse());
      const got = proven(xs);
      if (got.value === null) continue;
      provedCount++;
      expect(Object.is(got.value, await sqliteSum(xs)), `list ${i} (${xs.length} terms)`).toBe(true);
    }
    expect(provedCount).toBeGreaterThan(300);
  });

  it('keeps terms in limbs that add and take away exactly (the writer’s double arithmetic equals the exact terms)', () => {
    const rand = prng(9).next;
    let total = 0n;
    const sums = new Array<number>(LIMBS).fill(0);
    const terms = Array.from({ length: 2000 }, () => (rand() - 0.5) * 2 ** Math.floor(rand() * 120 - 68));
    terms.push(2 ** -129, -(2 ** -129), 3 * 2 ** -130, 2 ** 51 + 0.5, -(2 ** 51) - 0.25, 0, -0);
    for (const [i, x] of terms.entries()) {
      const n = fixedTerm(x) as bigint;
      const one = new Array<number>(LIMBS).fill(0);
      expect(addFixedLimbs(x, 1, one, 0)).toBe(true);
      expect(fromLimbs(one), String(x)).toBe(n);
      const sign = i % 7 === 6 ? -1 : 1;
      total += BigInt(sign) * n;
      addFixedLimbs(x, sign, sums, 0);
    }
    expect(fromLimbs(sums)).toBe(total);
    expect(fixedTerm(Infinity)).toBeNull();
    expect(fixedTerm(2 ** 52)).toBeNull();
    expect(addFixedLimbs(NaN, 1, sums, 0)).toBe(false);
  });
});
