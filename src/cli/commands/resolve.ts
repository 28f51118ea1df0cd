import type { Command } from 'commander';
import { ReasonInput, ResolutionInput } from '../../commands/inputs.js';
import { readClaimView } from '../../db/claim-read.js';
import { countMadeAfterKnownOn } from '../../domain/counted-marks.js';
import { addJson, collect, out, parseInput, withLedger } from '../context.js';
import { confirmResolution, knownOnOption } from '../resolve-warning.js';
import { resolutionValue } from '../question-input.js';

export function registerResolve(program: Command): void {
  addJson(
    program
      .command('resolve <claimId>')
      .description('resolve a claim: confirmed, refuted, annulled or unresolvable, or (multiple choice, numeric, date) with its value')
      .option('-o, --outcome <outcome>', 'confirmed, refuted, annulled or unresolvable')
      .option('--value <value>', 'multiple choice: the option that happened; numeric: the number; date: the date; or below-range / above-range')
      .option('--known-on <date>', 'when the outcome became known: YYYY-MM-DD (the start of that day, UTC), a date-time, or today (now)', 'today')
      .option('--note <text>', 'why')
      .option('--evidence <id>', 'id of evidence it rests on (repeatable)', collect)
      .option('-y, --yes', 'do not ask for confirmation when forecasts would not count or the deadline has not come (the warning is still printed)')
      .addHelpText(
        'after',
        '\nBefore resolving it warns, and in a terminal asks, when forecasts made on or after the known-on date would not count, or when the deadline has not come.\n\nExample:\n  $ reckon resolve metaculus-nk-troops-2024 --outcome refuted --known-on 2024-01-01 --note "No troops in Ukraine by the deadline"',
      ),
  ).action(async (claimId: string, o: { outcome?: string; value?: string; knownOn: string; note?: string; evidence?: string[]; yes?: boolean; json?: boolean }) => {
    await withLedger(o, async (ctx) => {
      const question = o.value === undefined ? null : await readClaimView(ctx.db.client, claimId);
      const value = o.value === undefined ? undefined : question ? resolutionValue(o.value, question) : o.value;
      const input = parseInput(ResolutionInput, { outcome: o.outcome, value, knownOn: knownOnOption(o.knownOn), note: o.note, evidenceIds: o.evidence });
      await confirmResolution(ctx.db.client, claimId, input.knownOn, { yes: o.yes });
      const e = await ctx.ledger.append({ type: 'claim.resolve', claimId, input }, ctx.actor);
      const view = await readClaimView(ctx.db.client, claimId);
      const uncountedForecasts = countMadeAfterKnownOn((view?.forecasts ?? []) as unknown as Array<{ madeAt: string; retracted: boolean }>, input.knownOn);
      out(ctx, { seq: e.seq, ...e.payload, recordedAt: e.recordedAt, uncountedForecasts }, () =>
        `event ${e.seq}: ${claimId} resolved ${input.value !== undefined ? `with ${JSON.stringify(input.value)}` : input.outcome} (known on ${input.knownOn})${uncountedForecasts ? `; ${uncountedForecasts} forecast${uncountedForecasts === 1 ? '' : 's'} made on or after it not counted` : ''}`,
      );
    });
  });

  addJson(
    program
      .command('reopen <claimId>')
      .description('reopen a resolved claim, with a reason (the resolution stays in the history)')
      .requiredOption('-r, --reason <text>', 'why it is reopened')
      .addHelpText('after', '\nExample:\n  $ reckon reopen nk-shells-purchase --reason "The cited report was withdrawn"'),
  ).action(async (claimId: string, o: { reason: string; json?: boolean }) => {
    await withLedger(o, async (ctx) => {
      const e = await ctx.ledger.append({ type: 'claim.reopen', claimId, input: parseInput(ReasonInput, { reason: o.reason }) }, ctx.actor);
      out(ctx, { seq: e.seq, ...e.payload, recordedAt: e.recordedAt }, () => `event ${e.seq}: ${claimId} reopened`);
    });
  });

  addJson(
    program
      .command('retract <seq>')
      .description('retract a forecast, stance or piece of evidence recorded in error (it stays in the history, flagged)')
      .requiredOption('-r, --reason <text>', 'why it is retracted')
      .addHelpText('after', '\nExample:\n  $ reckon retract 42 --reason "Entered against the wrong claim"'),
  ).action(async (seqText: string, o: { reason: string; json?: boolean }) => {
    await withLedger(o, async (ctx) => {
      const seq = Number(seqText);
      const input = parseInput(ReasonInput, { reason: o.reason });
      if (!Number.isInteger(seq) || seq < 1) throw Object.assign(new Error('seq must be a positive whole number'), {});
      const e = await ctx.ledger.append({ type: 'event.retract', seq, input }, ctx.actor);
      out(ctx, { seq: e.seq, ...e.payload, recordedAt: e.recordedAt }, () => `event ${e.seq}: event ${seq} retracted`);
    });
  });
}
