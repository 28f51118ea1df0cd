import type { Command } from 'commander';
import { claimHeader, readClaimView } from '../../db/claim-read.js';
import { ClaimInput } from '../../commands/inputs.js';
import { addJson, CliError, collect, out, parseInput, withLedger } from '../context.js';
import { promptMissing } from '../prompt.js';

interface LogOptions {
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
      .addHelpText('after', `\nExample:\n  $ reckon log --kind prediction --title "Troops in Ukraine by 2024?" \\\n      --statement "North Korea deploys >100 troops in Ukraine before 2024" \\\n      --criteria "Yes if credible reporting shows it before 2024-01-01" --deadline 2024-01-01 --tag north-korea`),
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
      });
      const e = await ctx.ledger.append({ type: 'claim.create', input }, ctx.actor);
      const view = await readClaimView(ctx.db.client, e.claimId ?? '');
      out(ctx, view && claimHeader(view), () => `logged ${view?.kind} ${view?.id}: ${view?.title}`);
    });
  });
}
