import type { Command } from 'commander';
import { signingKeyPath } from '../../env.js';
import { loadSigningKey, makeCheckpoint } from '../../ledger/checkpoint.js';
import { addJson, out, withLedger } from '../context.js';

export function registerCheckpoint(program: Command): void {
  addJson(
    program
      .command('checkpoint')
      .description('print a signed checkpoint { seq, hash, at } of the ledger head; publish it elsewhere')
      .addHelpText('after', '\nExample:\n  $ reckon checkpoint > checkpoint-2026-11-24.json\n  $ reckon verify --expect checkpoint-2026-11-24.json'),
  ).action(async (o: { json?: boolean }) => {
    await withLedger({ json: true }, async (ctx) => {
      const cp = await makeCheckpoint(ctx.db.client, loadSigningKey(signingKeyPath(ctx.env)));
      out({ json: true }, cp, () => '');
    });
  });
}
