/**
 * A period's score sums per source from claim_score_periods (src/db/score-periods.ts): the
 * whole months inside it, the whole days at its ends outside those months, and the rows of the
 * part-days at its edges from claim_scores — tens of rows per source instead of every row.
 * Each sum is the double SQLite's sum() over the period's rows gives, proved from the exact
 * fixed-point sum (src/domain/scoring/fixed-sum.ts); a source where that is not proved (or
 * with a row the fixed point cannot hold) is named in `unproven`, for the caller to sum its rows.
 */
import type { Client, InValue } from '@libsql/client';
import { absUnits, fixedTerm, fromLimbs, LIMBS, provenSqliteSum } from '../domain/scoring/fixed-sum.js';
import { scoreRowValues } from './score-periods.js';

export interface PeriodSums {
  questions: number;
  baseline: number;
  peer: number;
  coverage: number;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MIDNIGHT = 'T00:00:00.000Z';
const VALUES = ['b', 'p', 'c'] as const;

const nextDay = (day: string) => new Date(Date.parse(`${day}${MIDNIGHT}`) + 86_400_000).toISOString().slice(0, 10);
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${month.slice(0, 5)}${String(m + 1).padStart(2, '0')}`;
}

/** [from, to) of string keys; `undefined` ends are open. An empty range is ['', '']. */
type Range = [string, string];
const EMPTY: Range = ['', ''];

interface Plan {
  months: Range;
  days: [Range, Range];
  /** Instants [from, to) of the part-days at the edges, each read row by row. */
  edges: Range[];
}

/**
 * How [from, to) splits into months, days and edge rows; null when it holds no whole day (or a
 * bound is not an ISO instant as toISOString writes it): then its rows are few days' at most.
 */
export function periodPlan(from: string | undefined, to: string | undefined): Plan | null {
  if ((from !== undefined && !INSTANT.test(from)) || (to !== undefined && !INSTANT.test(to))) return null;
  const edges: Range[] = [];
  let low: string | null = null;
  if (from !== undefined) {
    low = from.slice(0, 10);
    if (from !== `${low}${MIDNIGHT}`) {
      low = nextDay(low);
      edges.push([from, `${low}${MIDNIGHT}`]);
    }
  }
  let high: string | null = null;
  if (to !== undefined) {
    high = to.slice(0, 10);
    if (to !== `${high}${MIDNIGHT}`) edges.push([`${high}${MIDNIGHT}`, to]);
  }
  if (low !== null && high !== null && low >= high) return null;
  const lowMonth = low === null ? '' : low.endsWith('-01') ? low.slice(0, 7) : nextMonth(low.slice(0, 7));
  const highMonth = high === null ? '\uffff' : high.slice(0, 7);
  if (lowMonth >= highMonth) return { months: EMPTY, days: [[low ?? '', high ?? '\uffff'], EMPTY], edges };
  const days: [Range, Range] = [low === null ? EMPTY : [low, `${lowMonth}-01`], high === null ? EMPTY : [`${highMonth}-01`, high]];
  return { months: [lowMonth, highMonth], days, edges };
}

interface Acc {
  n: number;
  big: number;
  fixed: bigint[];
  abs: number[];
}

/** Sums per source over the plan's buckets and edge rows (one source, or every source). */
async function gather(client: Client, plan: Plan, sourceId?: string): Promise<Map<string, Acc>> {
  const one = sourceId === undefined ? '' : ' AND source_id = ?';
  const only: InValue[] = sourceId === undefined ? [] : [sourceId];
  const limbs = VALUES.flatMap((v) => Array.from({ length: LIMBS }, (_, k) => `CAST(sum(${v}${k}) AS TEXT)`));
  const [buckets, ...edges] = await client.batch(
    [
      {
        sql: `SELECT source_id, sum(n), sum(big), ${limbs.join(', ')}, total(ba), total(pa), total(ca) FROM claim_score_periods
              WHERE ((unit = 'm' AND start >= ? AND start < ?) OR (unit = 'd' AND start >= ? AND start < ?) OR (unit = 'd' AND start >= ? AND start < ?) OR unit = 'x')${one}
              GROUP BY source_id`,
        args: [...plan.months, ...plan.days[0], ...plan.days[1], ...only],
      },
      ...plan.edges.map(([a, b]) => ({ sql: `SELECT source_id, known_on, baseline, peer, coverage FROM claim_scores WHERE known_on >= ? AND known_on < ?${one}`, args: [a, b, ...only] })),
    ],
    'read',
  );
  const out = new Map<string, Acc>();
  for (const r of buckets?.rows ?? []) {
    const v = Array.from(r as unknown as ArrayLike<unknown>);
    const fixed = VALUES.map((_, i) => fromLimbs(v.slice(3 + i * LIMBS, 3 + (i + 1) * LIMBS).map((x) => String(x ?? 0))));
    out.set(String(v[0]), { n: Number(v[1]), big: Number(v[2]), fixed, abs: v.slice(3 + 3 * LIMBS).map(Number) });
  }
  for (const rs of edges) {
    for (const row of rs.rows) {
      const r = scoreRowValues(row as Record<string, unknown>);
      let acc = out.get(r.sourceId);
      if (!acc) out.set(r.sourceId, (acc = { n: 0, big: 0, fixed: [0n, 0n, 0n], abs: [0, 0, 0] }));
      acc.n++;
      [r.baseline, r.peer, r.coverage].forEach((x, i) => {
        const f = fixedTerm(x);
        if (f === null) acc.big++;
        else (acc.fixed[i] = (acc.fixed[i] as bigint) + f), (acc.abs[i] = (acc.abs[i] as number) + absUnits(x));
      });
    }
  }
  return out;
}

/**
 * The period's sums per source with at least one row in it, in source id order, and the
 * sources whose sums are not proved; null when the period holds no whole day (see periodPlan).
 */
export async function periodScoreSums(client: Client, from: string | undefined, to: string | undefined, sourceId?: string): Promise<{ sums: Map<string, PeriodSums>; unproven: string[] } | null> {
  const plan = periodPlan(from, to);
  if (!plan) return null;
  const sums = new Map<string, PeriodSums>();
  const unproven: string[] = [];
  const accs = [...(await gather(client, plan, sourceId))].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [id, acc] of accs) {
    if (acc.n === 0) continue;
    // total() of the bounds is a double near their exact sum: a relative 2⁻⁴⁰ more covers its rounding.
    const values = acc.big > 0 ? [null] : acc.fixed.map((f, i) => provenSqliteSum(f, acc.n, (acc.abs[i] as number) * (1 + 2 ** -40)));
    if (values.some((x) => x === null)) unproven.push(id);
    else sums.set(id, { questions: acc.n, baseline: values[0] as number, peer: values[1] as number, coverage: values[2] as number });
  }
  return { sums, unproven };
}
