/**
 * `reckon q "Will the ceasefire hold until 2027-06-30? 70%" --source alice`: one line read into
 * a draft prediction by the same function as the web's quick log (src/domain/quick-log.ts),
 * shown, and logged when Enter confirms (or at once with --yes, or without a terminal): the
 * claim, tagged `review-criteria` since its criteria were drafted from the line, then the
 * source's forecast.
 */
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { claimHeader, readClaimView } from '../../db/claim-read.js';
import { getSource } from '../../db/queries.js';
import { slugify } from '../../domain/ids.js';
import { parseQuickLog, type QuickLogDraft } from '../../domain/quick-log.js';
import { ClaimInput, ForecastInput } from '../../commands/inputs.js';
import { addJson, CliError, collect, configuredRules, out, parseInput, withLedger } from '../context.js';

/** The tag that marks criteria drafted by quick log, to be reviewed. */
export const REVIEW_TAG = 'review-criteria';

function describeDraft(d: QuickLogDraft): string {
  return [
    `  title:     ${d.title}`,
    `  deadline:  ${d.deadline}  (read from “${d.dateText}”)`,
    `  forecast:  ${Math.round((d.probability ?? 0) * 1000) / 10}%  (read from “${d.probabilityText}”)`,
    `  criteria:  ${d.resolutionCriteria}`,
    '             (drafted from the line: review them; the claim is tagged review-criteria)',
  ].join('\n');
}

/** Enter (or y) confirms; anything else cancels. Only asked on a terminal. */
async function confirm(): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question('Log it? [Enter = yes, n = no] ')).trim().toLowerCase();
    return answer === '' || answer === 'y' || answer === 'yes';
  } finally {
    rl.close();
  }
}

export function registerQuick(program: Command): void {
  addJson(
    program
      .command('q <line>')
      .description('log a prediction in one line: the deadline and probability are read from the text')
      .requiredOption('--source <id>', 'your source: the forecast is recorded as it')
      .option('--tag <tag>', 'a tag (repeatable)', collect)
      .option('-y, --yes', 'log without asking')
      .addHelpText('after', '\nDates: ISO (2027-06-30), "by end of June 2027", "before 2026", "in 3 months". Probability at the end: 70%, 0.7 or odds 7:3.\n\nExample:\n  $ reckon q "Will the ceasefire hold until 2027-06-30? 70%" --source alice'),
  ).action(async (line: string, o: { source: string; tag?: string[]; yes?: boolean; json?: boolean }) => {
    const draft = parseQuickLog(line, new Date(), configuredRules());
    if (draft.problems.length > 0) {
      throw new CliError('the line could not be read into a prediction', 1, draft.problems.map((p) => ({ pointer: p.pointer, message: p.message })));
    }
    if (!o.json) process.stderr.write(`Draft:\n${describeDraft(draft)}\n`);
    if (!o.yes && process.stdin.isTTY && !(await confirm())) {
      process.stderr.write('Not logged.\n');
      return;
    }
    await withLedger(o, async (ctx) => {
      const claim = parseInput(ClaimInput, { kind: 'prediction', title: draft.title, statement: draft.statement, resolutionCriteria: draft.resolutionCriteria, deadline: draft.deadline, tags: [REVIEW_TAG, ...(o.tag ?? [])] });
      const forecast = parseInput(ForecastInput, { sourceId: o.source, probability: draft.probability });
      // Refuse before anything is recorded, rather than leave a claim without its forecast.
      if (!(await getSource(ctx.db.client, forecast.sourceId))) throw new CliError(`no source with id '${forecast.sourceId}': add it with reckon source add`, 1, [{ pointer: '/sourceId', message: 'no such source' }]);
      // The claim and the forecast in one transaction: a refused forecast leaves no claim behind.
      const id = `${slugify(draft.title)}-${randomBytes(3).toString('hex')}`;
      await ctx.ledger.appendAll([{ type: 'claim.create', input: { ...claim, id } }, { type: 'forecast.record', claimId: id, input: forecast }], { actor: ctx.actor });
      const view = await readClaimView(ctx.db.client, id);
      out(ctx, view && { ...claimHeader(view), forecasts: view.forecasts }, () => `logged prediction ${id}: ${draft.title}\nforecast ${Math.round((draft.probability ?? 0) * 1000) / 10}% by ${o.source}; criteria drafted from the line — review them`);
    });
  });
}
