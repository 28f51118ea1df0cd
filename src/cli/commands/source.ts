import type { Command } from 'commander';
import { allSources, getSource } from '../../db/queries.js';
import { SourceInput } from '../../commands/inputs.js';
import { addJson, out, parseInput, withLedger } from '../context.js';

export function registerSource(program: Command): void {
  const source = program
    .command('source')
    .description('register and list sources (who speaks)')
    .addHelpText('after', '\nExample:\n  $ reckon source add --id alice --name "Alice Analyst" --type forecaster\n  $ reckon source list');
  addJson(
    source
      .command('add')
      .description('register a source')
      .requiredOption('--name <name>', 'display name')
      .requiredOption('--type <type>', 'person, government, organisation, media, forecasting-platform, forecaster, international-body or other')
      .option('--id <slug>', 'URL-safe id (default: made from the name)')
      .option('--country <code>', 'ISO 3166-1 alpha-2 code, e.g. US')
      .option('--url <url>', 'home page')
      .addHelpText('after', '\nExample:\n  $ reckon source add --id alice --name "Alice Analyst" --type forecaster'),
  ).action(async (opts: { name: string; type: string; id?: string; country?: string; url?: string; json?: boolean }) => {
    await withLedger(opts, async (ctx) => {
      const input = parseInput(SourceInput, { name: opts.name, type: opts.type, id: opts.id, country: opts.country, url: opts.url });
      const e = await ctx.ledger.append({ type: 'source.register', input }, ctx.actor);
      const s = await getSource(ctx.db.client, e.type === 'source.registered' ? e.payload.id : '');
      out(ctx, s, () => `registered source ${s?.id} (${s?.name})`);
    });
  });
  addJson(source.command('list').description('list every source').addHelpText('after', '\nExample:\n  $ reckon source list --json')).action(async (opts: { json?: boolean }) => {
    await withLedger(opts, async (ctx) => {
      const rows = await allSources(ctx.db.client);
      out(ctx, rows, () => rows.map((s) => `${s.id.padEnd(28)} ${s.type.padEnd(22)} ${s.name}`).join('\n') || '(no sources)');
    });
  });
}
