import type { Command } from 'commander';
import { checkProjections, rebuildProjections } from '../../ledger/rebuild.js';
import { verifyChain } from '../../ledger/verify.js';
import { addJson, CliError, out, withLedger, type Ctx } from '../context.js';
import { existsSync, readFileSync } from 'node:fs';
import { checkCheckpoint, loadSigningKey, type Checkpoint } from '../../ledger/checkpoint.js';
import { signingKeyPath } from '../../env.js';

/** Read a checkpoint (a file, or JSON text) and check it against this ledger. */
async function checkExpected(ctx: Ctx, expect: string, publicKeyFile?: string) {
  let cp: Checkpoint;
  try {
    cp = JSON.parse(existsSync(expect) ? readFileSync(expect, 'utf8') : expect) as Checkpoint;
  } catch {
    throw new CliError('invalid input', 1, [{ pointer: '/expect', message: 'not a checkpoint file or checkpoint JSON' }]);
  }
  if (typeof cp.seq !== 'number' || typeof cp.hash !== 'string' || typeof cp.at !== 'string' || typeof cp.signature !== 'string') {
    throw new CliError('invalid input', 1, [{ pointer: '/expect', message: 'a checkpoint has seq, hash, at and signature' }]);
  }
  const key = publicKeyFile ? readFileSync(publicKeyFile, 'utf8') : loadSigningKey(signingKeyPath(ctx.env)).publicKeyPem;
  const verdict = await checkCheckpoint(ctx.db.client, cp, key);
  return { ...verdict, seq: cp.seq, hash: cp.hash, at: cp.at };
}

export function registerVerify(program: Command): void {
  addJson(
    program
      .command('verify')
      .description('walk the hash chain, and check that the projections match the ledger')
      .option('--no-projections', 'skip the projection check')
      .option('--expect <checkpoint>', 'a signed checkpoint (file or JSON) the ledger must still hold')
      .option('--public-key <file>', 'verify the checkpoint with this PEM key (default: this instance’s key)')
      .addHelpText('after', '\nExit code 0 when everything verifies, 1 otherwise.\n\nExamples:\n  $ reckon verify\n  $ reckon verify --expect checkpoint-2026-11-24.json'),
  ).action(async (o: { projections: boolean; expect?: string; publicKey?: string; json?: boolean }) => {
    await withLedger(o, async (ctx) => {
      const chain = await verifyChain(ctx.db.client);
      // Projections rebuilt from a broken chain would prove nothing: they are not checked then.
      const checked = o.projections && chain.ok;
      const mismatched = checked ? await checkProjections(ctx.db.client) : [];
      const expected = o.expect ? await checkExpected(ctx, o.expect, o.publicKey) : undefined;
      const ok = chain.ok && mismatched.length === 0 && (expected?.ok ?? true);
      const projections = !o.projections ? undefined : checked ? { checked: true, ok: mismatched.length === 0, mismatched } : { checked: false, ok: null, mismatched: [], reason: 'not checked: the chain does not verify' };
      const lines = [
        chain.ok ? `chain ok: ${chain.events} events, head ${chain.head ?? '(empty)'}` : `chain BROKEN at event ${chain.firstBadSeq}: ${chain.reason} (${chain.events} events verified before it)`,
        ...(!o.projections ? [] : !checked ? ['projections not checked (the chain does not verify)'] : mismatched.length ? [`projections differ from the ledger: ${mismatched.join(', ')} (run reckon rebuild)`] : ['projections match the ledger']),
        ...(expected ? [expected.ok ? `checkpoint holds: event ${expected.seq} has hash ${expected.hash}` : `checkpoint FAILS: ${expected.reason}`] : []),
      ];
      out(ctx, { ...chain, ok, projections, checkpoint: expected }, () => lines.join('\n'));
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
