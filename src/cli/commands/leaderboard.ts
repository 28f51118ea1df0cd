/**
 * Metaculus's peer and baseline scores on the command line: `reckon leaderboard` and
 * `reckon score --peer` (a source's sums, the leaderboard, or with --csv every claim × source
 * row). Reads the score projections through src/db/score-queries.ts, as the API does.
 */
import type { Command } from 'commander';
import { getSource } from '../../db/queries.js';
import { allClaimScores, periodFilters, scoreSumsBySource, sourceScoreSums } from '../../db/score-queries.js';
import { parseInstant } from '../../domain/dates.js';
import { rankLeaderboard } from '../../domain/scoring/index.js';
import { addJson, CliError, out, withLedger, type Ctx } from '../context.js';

export const PEER_KEY =
  'peer: 100 × the average ln(p / others’ geometric mean) over the question’s window (0 = as good as the others; a lone forecaster scores 0).\n' +
  'baseline: 100 × log₂(2p) averaged over the window (0 = a coin flip); time after an early resolution counts 0. coverage: share of the window with a forecast standing.';

interface PeriodOptions {
  tag?: string;
  from?: string;
  to?: string;
}

/** Check --from/--to (ISO dates or date-times) and make the filters. */
function filtersOf(o: PeriodOptions) {
  for (const k of ['from', 'to'] as const) {
    const v = o[k];
    if (v !== undefined && parseInstant(v) === null) throw new CliError('invalid input', 1, [{ pointer: `/${k}`, message: 'must be an ISO-8601 date or date-time that exists' }]);
  }
  return periodFilters(o);
}

const n = (v: number | null, d = 1) => (v === null ? '—' : v.toFixed(d));

async function leaderboard(ctx: Ctx, o: PeriodOptions & { score?: string; order?: string }) {
  const score = o.score ?? 'peer';
  const order = o.order ?? 'sum';
  if (score !== 'peer' && score !== 'baseline') throw new CliError('invalid input', 1, [{ pointer: '/score', message: 'must be peer or baseline' }]);
  if (order !== 'sum' && order !== 'mean') throw new CliError('invalid input', 1, [{ pointer: '/order', message: 'must be sum or mean' }]);
  const sums = await scoreSumsBySource(ctx.db.client, filtersOf(o));
  const items = rankLeaderboard([...sums].map(([sourceId, s]) => ({ sourceId, questions: s.questions, sum: score === 'peer' ? s.peer : s.baseline, coverage: s.coverage })), order);
  out(ctx, { items }, () => {
    if (items.length === 0) return 'No source has a scored question yet (scores come with confirmed or refuted predictions).';
    const lines = [`${score} score, ranked by ${order === 'sum' ? 'sum' : 'sum ÷ max(30, coverage)'}`, 'rank  source                      questions        sum     mean  coverage'];
    for (const i of items) lines.push(`${String(i.rank).padStart(4)}  ${i.sourceId.padEnd(26)} ${String(i.questions).padStart(10)} ${n(i.sum).padStart(10)} ${n(i.mean).padStart(8)} ${n(i.coverage, 2).padStart(9)}`);
    lines.push('', PEER_KEY);
    return lines.join('\n');
  });
}

/** `reckon score --peer`: one source's sums with --source, else the peer leaderboard; --csv: every claim × source row. */
export async function peerScores(o: PeriodOptions & { source?: string; csv?: boolean; json?: boolean }): Promise<void> {
  await withLedger({ json: Boolean(o.json) }, async (ctx) => {
    const filters = filtersOf(o);
    if (o.csv) {
      const rows = (await allClaimScores(ctx.db.client, filters)).filter((r) => !o.source || r.sourceId === o.source);
      const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
      process.stdout.write(['claimId,sourceId,knownOn,baseline,peer,coverage', ...rows.map((r) => [quote(r.claimId), quote(r.sourceId), r.knownOn, r.baseline, r.peer, r.coverage].join(','))].join('\n') + '\n');
      return;
    }
    if (!o.source) return leaderboard(ctx, o);
    const source = await getSource(ctx.db.client, o.source);
    if (!source) throw new CliError(`no source with id '${o.source}'`);
    const s = await sourceScoreSums(ctx.db.client, o.source, filters);
    const mean = (v: number) => (s.questions > 0 ? v / s.questions : null);
    const body = { sourceId: o.source, questions: s.questions, baseline: { sum: s.baseline, mean: mean(s.baseline) }, peer: { sum: s.peer, mean: mean(s.peer) }, coverage: { sum: s.coverage, mean: mean(s.coverage) } };
    out(ctx, body, () =>
      [
        `${source.name} (${o.source}): ${s.questions} scored question${s.questions === 1 ? '' : 's'}`,
        `peer      sum ${n(s.peer)}   mean ${n(mean(s.peer))}`,
        `baseline  sum ${n(s.baseline)}   mean ${n(mean(s.baseline))}`,
        `coverage  sum ${n(s.coverage, 2)}   mean ${n(mean(s.coverage), 2)}`,
        '',
        PEER_KEY,
      ].join('\n'),
    );
  });
}

export function registerLeaderboard(program: Command): void {
  addJson(
    program
      .command('leaderboard')
      .description("sources ranked by Metaculus's peer (default) or baseline score over resolved predictions")
      .option('--score <score>', 'peer or baseline', 'peer')
      .option('--order <order>', 'sum, or mean: sum ÷ max(30, coverage) as Metaculus’s global leaderboards', 'sum')
      .option('--tag <tag>', 'claims with this tag')
      .option('--from <date>', 'resolved on or after')
      .option('--to <date>', 'resolved on or before')
      .addHelpText('after', '\nExample:\n  $ reckon leaderboard --score baseline --order mean --from 2024-01-01'),
  ).action(async (o: PeriodOptions & { score?: string; order?: string; json?: boolean }) => {
    await withLedger({ json: Boolean(o.json) }, (ctx) => leaderboard(ctx, o));
  });
}
