/**
 * `reckon score --claim ID` (a resolved claim's scores per source) and the PIT table of
 * `reckon score --question-type numeric|date`, in plain text; --json prints what the API answers.
 */
import { readClaimScores } from '../../db/claim-score-read.js';
import type { PitHistogram } from '../../domain/questions/pit-bins.js';
import { CliError, out, withLedger } from '../context.js';

const f = (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? '—' : v.toFixed(digits));
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

export const PIT_KEY = 'key: a calibrated forecaster’s PITs (its CDF at the outcome) spread evenly: each bin holds about 10 %.';

/** The PIT histogram with a bar per bin (one # per percent of the PITs). */
export function pitTable(pit: PitHistogram): string {
  const lines = [`PITs ${pit.count}`, '', 'bin          n   share   95% interval'];
  for (const b of pit.bins) {
    const interval = b.interval ? `${pct(b.interval[0])}–${pct(b.interval[1])}` : '—';
    lines.push(`${`${f(b.lower, 1)}–${f(b.upper, 1)}`.padEnd(9)} ${String(b.count).padStart(5)}  ${pct(b.share).padStart(6)}   ${interval.padEnd(14)} ${'#'.repeat(Math.round((b.share ?? 0) * 100))}`);
  }
  lines.push('', PIT_KEY);
  return lines.join('\n');
}

/** One claim's scores per source and the crowd's. */
export async function claimScoreTable(id: string, json: boolean): Promise<void> {
  await withLedger({ json }, async (ctx) => {
    const body = await readClaimScores(ctx.db.client, id);
    if (!body) throw new CliError(`no claim with id '${id}'`);
    out(ctx, body, () => {
      if (body.outcome === null || body.sources.length === 0) return `${id}: nothing scored (${body.outcome ?? 'open'})`;
      const extra = body.sources.some((s) => s.crps !== undefined) ? ['logScore', 'crps'] : body.sources.some((s) => s.brier !== undefined) ? ['brier', 'logScore', 'rps'] : [];
      const head = ['source'.padEnd(24), ...extra.map((k) => k.padStart(9)), 'baseline'.padStart(9), 'peer'.padStart(9), 'coverage'.padStart(9)].join(' ');
      const rows = body.sources.map((s) => [s.sourceId.padEnd(24), ...extra.map((k) => f(s[k as 'brier'], 4).padStart(9)), f(s.baseline, 1).padStart(9), f(s.peer, 1).padStart(9), f(s.coverage).padStart(9)].join(' '));
      const crowd = body.crowd ? `crowd: baseline ${f(body.crowd.baseline, 1)}, coverage ${f(body.crowd.coverage)}` : '';
      return [`${id} (${body.outcome})`, head, ...rows, crowd].join('\n');
    });
  });
}
