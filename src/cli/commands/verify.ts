import type { Command } from 'commander';
import { checkProjections, rebuildProjections } from '../../ledger/rebuild.js';
import { verifyChain } from '../../ledger/verify.js';
import { addJson, CliError, out, withLedger } from '../context.js';

export function registerVerify(program: Command): void {
  addJson(
    program
      .command('verify')
      .description('walk the hash chain, and check that the projections match the ledger')
      .option('--no-projections', 'skip the projection check')
      .addHelpText('after', '\nExample:\n  $ reckon verify'),
  ).action(async (o: { projections: boolean; json?: boolean }) => {
    await withLedger(o, async (ctx) => {
      const chain = await verifyChain(ctx.db.client);
      const mismatched = o.projections && chain.ok ? await checkProjections(ctx.db.client) : [];
      const ok = chain.ok && mismatched.length === 0;
      out(ctx, { ...chain, ok, projections: o.projections ? { ok: mismatched.length === 0, mismatched } : undefined }, () =>
        chain.ok
          ? `chain ok: ${chain.events} events, head ${chain.head ?? '(empty)'}` + (mismatched.length ? `\nprojections differ from the ledger: ${mismatched.join(', ')} (run reckon rebuild)` : o.projections ? '\nprojections match the ledger' : '')
          : `chain BROKEN at event ${chain.firstBadSeq}: ${chain.reason} (${chain.events} events verified before it)`,
      );
      if (!ok) process.exitCode = 1;
    });
  });

  addJson(
    program
      .command('rebuild')
      .description('rebuild every projection table from the events alone')
      .addHelpText('after', '\nExample:\n  $ reckon rebuild'),
  ).action(async (o: { json?: boolean }) => {
    await withLedger(o, async (ctx) => {
      const n = await rebuildProjections(ctx.db.client);
      out(ctx, { events: n }, () => `rebuilt the projections from ${n} events`);
    });
  });

  addJson(
    program
      .command('backup <file>')
      .description('write a consistent copy of the database (VACUUM INTO), safe while the server runs')
      .addHelpText('after', '\nExample:\n  $ reckon backup ./backups/reckon-2026-11-24.db'),
  ).action(async (file: string, o: { json?: boolean }) => {
    await withLedger(o, async (ctx) => {
      if (!ctx.db.local) throw new CliError('backup writes a file copy of an embedded database; for a libSQL server use its own backups');
      await ctx.db.client.execute({ sql: 'VACUUM INTO ?', args: [file] });
      out(ctx, { file }, () => `backed up to ${file}`);
    });
  });
}
