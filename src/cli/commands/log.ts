import type { Command } from 'commander';
import { claimHeader, readClaimView } from '../../db/claim-read.js';
import { ClaimInput } from '../../commands/inputs.js';
import { addJson, CliError, collect, out, parseInput, withLedger } from '../context.js';
import { promptMissing } from '../prompt.js';
import { questionFields, type QuestionOptions } from '../question-input.js';

interface LogOptions extends QuestionOptions {
  kind?: string;
  title?: string;
  statement?: string;
  criteria?: string;
  details?: string;
  tag?: string[];
  deadline?: string;
  checkBy?: string;
  id?: string;
  json?: boolean;
}

export function registerLog(program: Command): void {
  addJson(
    program
      .command('log')
      .alias('new')
      .description('log a prediction or an allegation (asks for missing required fields when run in a terminal)')
      .option('-k, --kind <kind>', 'prediction or allegation')
      .option('-t, --title <title>', 'short title')
      .option('-s, --statement <text>', 'the exact wording of the claim')
      .option('-c, --criteria <text>', 'resolution criteria: the test that decides it')
      .option('--details <text>', 'background')
      .option('--tag <tag>', 'a tag (repeatable)', collect)
      .option('--deadline <date>', 'deadline (required for predictions)')
      .option('--check-by <date>', 'date to check an allegation by')
      .option('--id <slug>', 'URL-safe id (default: made from the title)')
      .option('--type <type>', 'what a prediction asks: binary (default), multiple-choice, numeric or date')
      .option('--option <label>', 'multiple choice: an option (repeat for each, 2 to 20)', collect)
      .option('--ordered', 'multiple choice: the options are ordered categories (scored with the ranked probability score)')
      .option('--min <value>', 'numeric or date: the range’s minimum (a number, or a date)')
      .option('--max <value>', 'numeric or date: the range’s maximum')
      .option('--open-lower', 'numeric or date: the outcome may fall below the minimum')
      .option('--open-upper', 'numeric or date: the outcome may fall above the maximum')
      .option('--scale <scale>', 'numeric or date: linear (default) or log (points evenly spaced in ln x; needs min > 0)')
      .addHelpText(
        'after',
        `\nExamples:\n  $ reckon log --kind prediction --title "Troops in Ukraine by 2024?" \\\n      --statement "North Korea deploys >100 troops in Ukraine before 2024" \\\n      --criteria "Yes if credible reporting shows it before 2024-01-01" --deadline 2024-01-01 --tag north-korea\n  $ reckon new --kind prediction --type multiple-choice --option Harris --option Trump --option Other \\\n      --title "Who wins?" --statement "The 2024 US presidential election winner" --criteria "AP call" --deadline 2024-11-05\n  $ reckon new --kind prediction --type numeric --min 0 --max 20000 --open-upper --title "Troops in Kursk?" \\\n      --statement "North Korean troops in Kursk at the end of 2024" --criteria "Best estimate by 2025-03" --deadline 2024-12-31`,
      ),
  ).action(async (opts: LogOptions) => {
    const asked = await promptMissing(
      { kind: opts.kind, title: opts.title, statement: opts.statement, criteria: opts.criteria, deadline: opts.deadline },
      { kind: 'Kind (prediction or allegation)', title: 'Title', statement: 'Statement', criteria: 'Resolution criteria', ...(opts.kind !== 'allegation' && !opts.deadline ? { deadline: 'Deadline (YYYY-MM-DD, predictions only)' } : {}) },
    );
    // Without a terminal nothing could be asked: name each missing field by its option.
    const missing = (['kind', 'title', 'statement', 'criteria', ...(asked.kind === 'prediction' ? ['deadline'] : [])] as const).filter((k) => !asked[k]);
    if (missing.length > 0) {
      throw new CliError(`missing required field${missing.length === 1 ? '' : 's'}: ${missing.map((k) => `--${k}`).join(', ')}`, 1, missing.map((k) => ({ pointer: `/${k === 'criteria' ? 'resolutionCriteria' : k}`, message: `required: pass --${k}` })));
    }
    await withLedger(opts, async (ctx) => {
      const input = parseInput(ClaimInput, {
        kind: asked.kind,
        title: asked.title,
        statement: asked.statement,
        resolutionCriteria: asked.criteria,
        details: opts.details,
        tags: opts.tag ?? [],
        deadline: asked.deadline,
        checkBy: opts.checkBy,
        id: opts.id,
        ...questionFields(opts),
      });
      const e = await ctx.ledger.append({ type: 'claim.create', input }, ctx.actor);
      const view = await readClaimView(ctx.db.client, e.claimId ?? '');
      out(ctx, view && claimHeader(view), () => `logged ${view?.kind} ${view?.id}: ${view?.title}`);
    });
  });
}
