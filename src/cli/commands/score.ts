import type { Command } from 'commander';
import { getSource } from '../../db/queries.js';
import { calibrationGroups } from '../../db/scoring-queries.js';
import { calibrateGroups, type Calibration } from '../../domain/scoring/index.js';
import { CalibrationQuery, scoreFilters } from '../../commands/queries.js';
import { sourceTrackRecord } from '../../db/track-record.js';
import { addJson, CliError, out, parseInput, withLedger } from '../context.js';
import { choiceCalibration, pitCalibration } from '../../db/question-calibration.js';
import { claimScoreTable, pitTable } from './question-scores.js';
import { peerScores } from './leaderboard.js';

const f = (v: number | null, digits = 3) => (v === null ? '—' : v.toFixed(digits));
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

export const BAR_KEY =
  'key: # share of the bin\'s claims confirmed (observed), | mean forecast in the bin; a calibrated bin has its | at the end of its #s.\n' +
  '     Brier: 0 is perfect, 0.25 is always saying 50%; log score: 0 is perfect, lower is worse.';

/** The reliability table in plain text, with a bar per bin: `#` observed, `|` mean forecast. */
export function reliabilityTable(cal: Calibration): string {
  const width = 30;
  const lines = [`forecasts ${cal.count}   Brier ${f(cal.brier, 4)}   log score ${f(cal.logScore, 4)}`];
  if (cal.murphy) {
    const m = cal.murphy;
    lines.push(`reliability ${f(m.reliability, 4)}   resolution ${f(m.resolution, 4)}   uncertainty ${f(m.uncertainty, 4)}   within-bin ${f(m.withinBin, 4)}`);
  }
  lines.push('', 'bin            n   forecast  observed  95% interval      0%' + ' '.repeat(width - 6) + '100%');
  for (const b of cal.bins) {
    const bar = Array.from({ length: width }, () => ' ');
    if (b.observedFrequency !== null) for (let i = 0; i < Math.round(b.observedFrequency * width); i++) bar[i] = '#';
    if (b.meanForecast !== null) bar[Math.min(width - 1, Math.floor(b.meanForecast * width))] = '|';
    const interval = b.interval ? `${pct(b.interval[0])}–${pct(b.interval[1])}` : '—';
    lines.push(`${`${f(b.lower, 2)}–${f(b.upper, 2)}`.padEnd(11)} ${String(b.count).padStart(5)}   ${pct(b.meanForecast).padStart(7)}   ${pct(b.observedFrequency).padStart(7)}  ${interval.padEnd(16)}  [${bar.join('')}]`);
  }
  lines.push('', BAR_KEY);
  return lines.join('\n');
}

export function registerScore(program: Command): void {
  addJson(
    program
      .command('score')
      .description('calibration, Brier and log scores for a filter, with a reliability table')
      .option('--source <id>', 'one source')
      .option('--tag <tag>', 'claims with this tag')
      .option('--kind <kind>', 'prediction or allegation')
      .option('--from <date>', 'resolved on or after')
      .option('--to <date>', 'resolved on or before')
      .option('--rule <rule>', 'last or time-weighted', 'last')
      .option('--bins <n>', 'number of bins (2–50)', '10')
      .option('--binning <binning>', 'equal or quantile', 'equal')
      .option('--backfilled <mode>', 'include or exclude', 'include')
      .option('--question-type <type>', 'binary (default); multiple-choice (every option of each last forecast as a yes/no forecast); numeric or date (the PIT histogram)')
      .option('--claim <id>', "one resolved claim's scores per source (multiple choice: Brier, log, RPS; numeric and date: log, CRPS; and Metaculus's baseline, peer, coverage)")
      .option('--peer', "Metaculus's peer and baseline scores instead: a source's sums with --source, else the leaderboard")
      .option('--csv', 'with --peer: every scored claim × source row as CSV')
      .addHelpText('after', '\nExample:\n  $ reckon score --source metaculus --rule time-weighted --bins 5'),
  ).action(async (o: Record<string, string | boolean | undefined>) => {
    if (o.peer) return peerScores(o as Parameters<typeof peerScores>[0]);
    if (typeof o.claim === 'string') return claimScoreTable(o.claim, Boolean(o.json));
    await withLedger({ json: Boolean(o.json) }, async (ctx) => {
      const { json: _json, peer: _peer, csv: _csv, claim: _claim, ...query } = o;
      const q = parseInput(CalibrationQuery, query);
      const filters = scoreFilters(q);
      if (q.questionType === 'numeric' || q.questionType === 'date') {
        const p = await pitCalibration(ctx.db.client, filters, q.questionType);
        return out(ctx, p, () => pitTable(p.pit));
      }
      const cal = q.questionType === 'multiple-choice' ? await choiceCalibration(ctx.db.client, filters, { bins: q.bins, binning: q.binning }) : calibrateGroups(await calibrationGroups(ctx.db.client, filters), { bins: q.bins, binning: q.binning });
      out(ctx, cal, () => reliabilityTable(cal));
    });
  });

  addJson(
    program
      .command('track-record <sourceId>')
      .description('how a source held up: stances right / wrong / pending, accuracy, forecast scores')
      .option('--rule <rule>', 'last or time-weighted', 'last')
      .addHelpText('after', '\nExample:\n  $ reckon track-record dprk'),
  ).action(async (id: string, o: { rule: string; json?: boolean }) => {
    if (o.rule !== 'last' && o.rule !== 'time-weighted') throw new CliError('invalid input', 1, [{ pointer: '/rule', message: 'must be last or time-weighted' }]);
    await withLedger(o, async (ctx) => {
      const source = await getSource(ctx.db.client, id);
      if (!source) throw new CliError(`no source with id '${id}'`);
      const tr = await sourceTrackRecord(ctx.db, id, o.rule as 'last');
      if (!tr) throw new CliError(`no source with id '${id}'`);
      out(ctx, tr, () => {
        const s = tr.stances;
        const lines = [
          `${source.name} (${id})`,
          `stances: ${s.right} right, ${s.wrong} wrong, ${s.pending} pending, ${s.notScored} not scored`,
          `accuracy: ${pct(tr.accuracy)}${tr.accuracyInterval ? ` (95% ${pct(tr.accuracyInterval[0])}–${pct(tr.accuracyInterval[1])})` : ''}`,
          `forecasts: ${tr.forecasts.count} scored, Brier ${f(tr.forecasts.brier, 4)}, log ${f(tr.forecasts.logScore, 4)}, relative Brier ${f(tr.forecasts.relativeBrier, 4)} over ${tr.forecasts.sharedClaims} shared claims`,
        ];
        for (const it of tr.stanceItems) lines.push(`  ${it.date.padEnd(10)} ${it.stance.padEnd(7)} ${it.verdict.padEnd(10)} ${it.claimId}${it.retracted ? ' (retracted)' : ''}`);
        return lines.join('\n');
      });
    });
  });
}
