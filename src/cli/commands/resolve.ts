import type { Command } from 'commander';
import { ReasonInput, ResolutionInput } from '../../http/schemas.js';
import { addJson, collect, out, parseInput, withLedger } from '../context.js';

export function registerResolve(program: Command): void {
  addJson(
    program
      .command('resolve <claimId>')
      .description('resolve a claim: confirmed, refuted, annulled or unresolvable')
      .requiredOption('-o, --outcome <outcome>', 'confirmed, refuted, annulled or unresolvable')
      .requiredOption('--known-on <date>', 'when the outcome became known')
      .option('--note <text>', 'why')
      .option('--evidence <id>', 'id of evidence it rests on (repeatable)', collect)
      .addHelpText('after', '\nExample:\n  $ reckon resolve metaculus-nk-troops-2024 --outcome refuted --known-on 2024-01-01 --note "No troops in Ukraine by the deadline"'),
  ).action(async (claimId: string, o: { outcome: string; knownOn: string; note?: string; evidence?: string[]; json?: boolean }) => {
    await withLedger(o, async (ctx) => {
      const input = parseInput(ResolutionInput, { outcome: o.outcome, knownOn: o.knownOn, note: o.note, evidenceIds: o.evidence });
      const e = await ctx.ledger.append({ type: 'claim.resolve', claimId, input }, ctx.actor);
      out(ctx, { seq: e.seq, ...e.payload, recordedAt: e.recordedAt }, () => `event ${e.seq}: ${claimId} resolved ${input.outcome} (known on ${input.knownOn})`);
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
