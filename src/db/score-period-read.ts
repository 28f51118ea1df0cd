/**
 * A period's score sums per source from claim_score_periods (src/db/score-periods.ts): the
 * whole months inside it, the whole days at its ends outside those months, and the rows of the
 * part-days at its edges from claim_scores — tens of rows per source instead of every row.
 * Each sum is the double SQLite's sum() over the period's rows gives, proved from the exact
 * fixed-point sum (src/domain/scoring/fixed-sum.ts); a source where that is not proved (or
 * with a row the fixed point cannot hold) is named in `unproven`, for the caller to sum its rows.
 */
import type { InValue } from '@libsql/client';
import { absUnits, fixedTerm, fromLimbs, LIMBS, provenSqliteSum } from '../domain/scoring/fixed-sum.js';
import type { ReadRows, ReadStatement } from './fast-read.js';

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

const LIMB_SUMS = VALUES.flatMap((v) => Array.from({ length: LIMBS }, (_, k) => `CAST(sum(${v}${k}) AS TEXT)`)).join(', ');
const PADDING = new Array<string>(3 * LIMBS + 2).fill('NULL').join(', ');

/**
 * One statement (one snapshot, prepared once on a file database): per source, the sums of the
 * plan's buckets (first column 0), then the rows of the two edges (1: source, its three values).
 */
function gatherSql(one: boolean): string {
  const and = one ? ' AND source_id = ?' : '';
  return `SELECT 0, source_id, sum(n), sum(big), ${LIMB_SUMS}, total(ba), total(pa), total(ca) FROM claim_score_periods
          WHERE ((unit = 'm' AND start >= ? AND start < ?) OR (unit = 'd' AND start >= ? AND start < ?) OR (unit = 'd' AND start >= ? AND start < ?) OR unit = 'x')${and}
          GROUP BY source_id
          UNION ALL SELECT 1, source_id, baseline, peer, coverage, ${PADDING} FROM claim_scores WHERE known_on >= ? AND known_on < ?${and}
          UNION ALL SELECT 1, source_id, baseline, peer, coverage, ${PADDING} FROM claim_scores WHERE known_on >= ? AND known_on < ?${and}`;
}

/**
 * The statement that reads a period's buckets and edge rows (one source, or every source), for
 * periodSumsOf; null when the period holds no whole day (see periodPlan).
 */
export function periodStatement(from: string | undefined, to: string | undefined, sourceId?: string): ReadStatement | null {
  const plan = periodPlan(from, to);
  if (!plan) return null;
  const only: InValue[] = sourceId === undefined ? [] : [sourceId];
  const [e1, e2] = [plan.edges[0] ?? EMPTY, plan.edges[1] ?? EMPTY];
  return { sql: gatherSql(sourceId !== undefined), args: [...plan.months, ...plan.days[0], ...plan.days[1], ...only, ...e1, ...only, ...e2, ...only] };
}

/** Sums per source from periodStatement's rows. */
function gather(read: unknown[][]): Map<string, Acc> {
  const out = new Map<string, Acc>();
  const accOf = (id: string) => {
    let acc = out.get(id);
    if (!acc) out.set(id, (acc = { n: 0, big: 0, fixed: [0n, 0n, 0n], abs: [0, 0, 0] }));
    return acc;
  };
  for (const v of read) {
    const acc = accOf(String(v[1]));
    if (Number(v[0]) === 0) {
      acc.n += Number(v[2]);
      acc.big += Number(v[3]);
      VALUES.forEach((_, i) => (acc.fixed[i] = (acc.fixed[i] as bigint) + fromLimbs(v.slice(4 + i * LIMBS, 4 + (i + 1) * LIMBS).map((x) => String(x ?? 0)))));
      v.slice(4 + 3 * LIMBS).forEach((x, i) => (acc.abs[i] = (acc.abs[i] as number) + Number(x)));
      continue;
    }
    acc.n++;
    [Number(v[2]), Number(v[3]), Number(v[4])].forEach((x, i) => {
      const f = fixedTerm(x);
      if (f === null) acc.big++;
      else (acc.fixed[i] = (acc.fixed[i] as bigint) + f), (acc.abs[i] = (acc.abs[i] as number) + absUnits(x));
    });
  }
  return out;
}

/**
 * The period's sums per source with at least one row in it, in source id order, and the
 * sources whose sums are not proved; null when the period holds no whole day (see periodPlan).
 */
export async function periodScoreSums(rows: ReadRows, from: string | undefined, to: string | undefined, sourceId?: string): Promise<PeriodRead | null> {
  const statement = periodStatement(from, to, sourceId);
  return statement && periodSumsOf(await rows(statement.sql, statement.args));
}

/** The sums proved, in source id order, and the sources whose sums are not. */
export interface PeriodRead {
  sums: Map<string, PeriodSums>;
  unproven: string[];
}

/** The sums per source with at least one row, from periodStatement's rows (see periodScoreSums). */
export function periodSumsOf(read: unknown[][]): PeriodRead {
  const sums = new Map<string, PeriodSums>();
  const unproven: string[] = [];
  const accs = [...gather(read)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [id, acc] of accs) {
    if (acc.n === 0) continue;
    // total() of the bounds is a double near their exact sum: a relative 2⁻⁴⁰ more covers its rounding.
    const values = acc.big > 0 ? [null] : acc.fixed.map((f, i) => provenSqliteSum(f, acc.n, (acc.abs[i] as number) * (1 + 2 ** -40)));
    if (values.some((x) => x === null)) unproven.push(id);
    else sums.set(id, { questions: acc.n, baseline: values[0] as number, peer: values[1] as number, coverage: values[2] as number });
  }
  return { sums, unproven };
}
