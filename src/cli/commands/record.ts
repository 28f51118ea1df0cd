import type { Command } from 'commander';
import { readClaimView } from '../../db/claim-read.js';
import type { ClaimView } from '../../domain/claim-view.js';
import { EvidenceInput, ForecastInput, StanceInput } from '../../commands/inputs.js';
import { inUnit } from '../../domain/probability-input.js';
import type { Command as LedgerCommand } from '../../ledger/commands.js';
import { addJson, CliError, collect, out, parseInput, probabilityOption, withLedger, type Ctx } from '../context.js';
import { forecastValues, type ForecastOptions } from '../question-input.js';

/** A forecast in words: a percentage, one per option, or the median of a CDF's points. */
function describeForecast(f: Record<string, unknown>, options: string[] | undefined): string {
  if (Array.isArray(f.probabilities)) return (f.probabilities as number[]).map((p, i) => `${options?.[i] ?? i} ${inUnit(p, 'percent')}`).join(', ');
  if (Array.isArray(f.cdf)) return `a distribution over the range (${(f.cdf as number[]).length} points)`;
  return inUnit(Number(f.probability), 'percent');
}

/** Append, then print the recorded item as the claim now shows it. */
async function record(ctx: Ctx, cmd: LedgerCommand, key: 'forecasts' | 'stances' | 'evidence', describe: (item: Record<string, unknown>) => string) {
  const e = await ctx.ledger.append(cmd, ctx.actor);
  const view = await readClaimView(ctx.db.client, e.claimId ?? '');
  const item = view?.[key].find((x) => x.seq === e.seq) ?? {};
  out(ctx, item, () => `event ${e.seq}: ${describe(item)}`);
}

/** "B2" → { reliability: 'B', credibility: 2 }. */
function parseGrade(text: string | undefined) {
  if (text === undefined) return undefined;
  const m = /^([A-Fa-f])([1-6])$/.exec(text.trim());
  if (!m) throw new CliError('invalid input', 1, [{ pointer: '/grade', message: 'must be an Admiralty grade such as B2 (reliability A–F, credibility 1–6)' }]);
  return { reliability: m[1]?.toUpperCase(), credibility: Number(m[2]) };
}

export function registerRecord(program: Command): void {
  addJson(
    program
      .command('forecast <claimId>')
      .description('record a forecast: the probability that the claim will be confirmed (or, by the question, one per option or a distribution)')
      .requiredOption('--source <id>', 'the forecasting source')
      .option('-p, --probability <p>', 'yes/no: probability: 70%, 0.7 or odds 7:3 (a bare number is a fraction; 70 is refused: write 70%)')
      .option('--probabilities <list>', 'multiple choice: one probability per option, in order, comma-separated (50%,30%,20%)')
      .option('--option-probability <label=p>', 'multiple choice: one option’s probability (repeat for every option)', collect)
      .option('--quartiles <q1,median,q3>', 'numeric or date: lower quartile, median and upper quartile; the CDF is made as Metaculus’s slider form makes it')
      .option('--cdf-file <path>', 'numeric or date: a file of 201 cumulative probabilities (JSON array, or separated by commas or spaces)')
      .option('--made-at <datetime>', 'when it was made (default: now; older than 5 minutes is marked backfilled)')
      .option('--note <text>', 'reasoning')
      .addHelpText(
        'after',
        '\nExamples:\n  $ reckon forecast metaculus-nk-troops-2024 --source alice --probability 15%\n  $ reckon forecast who-wins --source alice --probabilities 50%,45%,5%\n  $ reckon forecast troops-in-kursk --source alice --quartiles 8000,11000,13000',
      ),
  ).action(async (claimId: string, o: ForecastOptions & { source: string; madeAt?: string; note?: string; json?: boolean }) => {
    await withLedger(o, async (ctx) => {
      // No such claim: read as yes/no, and the ledger refuses it as it refuses any forecast on it.
      const view = (await readClaimView(ctx.db.client, claimId)) ?? ({ questionType: 'binary' } as ClaimView);
      const { values, note } = forecastValues(o, view, ctx.ledger.rules);
      if (note) process.stderr.write(`note: ${note}\n`);
      const input = parseInput(ForecastInput, { sourceId: o.source, ...values, madeAt: o.madeAt, note: o.note });
      await record(ctx, { type: 'forecast.record', claimId, input }, 'forecasts', (f) => `${f.sourceId} gives ${claimId} ${describeForecast(f, view.options)}${f.backfilled ? ' (backfilled)' : ''}`);
    });
  });

  addJson(
    program
      .command('stance <claimId>')
      .description('record that a source asserts or denies a claim')
      .requiredOption('--source <id>', 'the source')
      .requiredOption('--stance <stance>', 'asserts or denies')
      .requiredOption('--date <date>', 'YYYY, YYYY-MM or YYYY-MM-DD')
      .option('--quote <text>', 'quote or paraphrase')
      .option('--url <url>', 'link')
      .option('--confidence <p>', 'stated confidence: 80%, 0.8 or odds 4:1')
      .option('--estimative <phrase>', 'stated confidence as ICD-203 words, e.g. "very likely"')
      .addHelpText('after', '\nExample:\n  $ reckon stance nk-wagner-delivery --source dprk --stance denies --date 2022-12-23'),
  ).action(async (claimId: string, o: Record<string, string | boolean | undefined>) => {
    await withLedger({ json: Boolean(o.json) }, async (ctx) => {
      const input = parseInput(StanceInput, { sourceId: o.source, stance: o.stance, date: o.date, quote: o.quote, url: o.url, confidence: probabilityOption(o.confidence as string | undefined, '/confidence', null), estimative: o.estimative });
      await record(ctx, { type: 'stance.record', claimId, input }, 'stances', (s) => `${s.sourceId} ${s.stance} ${claimId} (${s.date})`);
    });
  });

  addJson(
    program
      .command('evidence <claimId>')
      .description('record evidence that supports, contradicts or gives context to a claim')
      .requiredOption('--date <date>', 'YYYY, YYYY-MM or YYYY-MM-DD')
      .requiredOption('--summary <text>', 'what it shows')
      .requiredOption('--bearing <bearing>', 'supports, contradicts or context')
      .option('--url <url>', 'link')
      .option('--published-by <name>', 'who published it')
      .option('--grade <grade>', 'Admiralty grade, e.g. B2')
      .addHelpText('after', '\nExample:\n  $ reckon evidence nk-shells-purchase --date 2023-10 --bearing supports --summary "Satellite images of Rajin port" --grade B2'),
  ).action(async (claimId: string, o: Record<string, string | boolean | undefined>) => {
    await withLedger({ json: Boolean(o.json) }, async (ctx) => {
      const input = parseInput(EvidenceInput, { date: o.date, summary: o.summary, bearing: o.bearing, url: o.url, publishedBy: o.publishedBy, grade: parseGrade(o.grade as string | undefined) });
      await record(ctx, { type: 'evidence.record', claimId, input: input as never }, 'evidence', (e) => `${e.bearing} ${claimId}: ${e.summary}`);
    });
  });
}
