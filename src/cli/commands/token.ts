import type { Command } from 'commander';
import { getSource } from '../../db/queries.js';
import { createToken, listTokens, revokeToken, SCOPES, tokenNameProblem, type Scope } from '../../db/tokens.js';
import { addJson, CliError, out, withLedger } from '../context.js';

export function registerToken(program: Command): void {
  const token = program
    .command('token')
    .description('API tokens: who may write through the API')
    .addHelpText('after', '\nExample:\n  $ reckon token create --name alice-laptop --source alice\n  $ reckon token list\n  $ reckon token revoke alice-laptop');
  addJson(
    token
      .command('create')
      .description('create a token and print it once (only its hash is stored)')
      .requiredOption('--name <name>', 'a name for the token (recorded with every event it writes)')
      .requiredOption('--source <id>', 'the source the token forecasts as')
      .option('--scope <scope>', 'write (record; forecast only as its own source), resolve (also resolve, reopen and edit claims) or admin (anything, any source)', 'write')
      .addHelpText('after', '\nExample:\n  $ reckon token create --name alice-laptop --source alice\n  $ curl -H "Authorization: Bearer rk_…" …'),
  ).action(async (o: { name: string; source: string; scope: string; json?: boolean }) => {
    if (!(SCOPES as readonly string[]).includes(o.scope)) throw new CliError('invalid input', 1, [{ pointer: '/scope', message: 'must be write, resolve or admin' }]);
    await withLedger(o, async (ctx) => {
      if (!(await getSource(ctx.db.client, o.source))) throw new CliError('invalid input', 1, [{ pointer: '/source', message: `no source with id '${o.source}' (add it with reckon source add)` }]);
      const nameProblem = await tokenNameProblem(ctx.db.client, o.name);
      if (nameProblem) throw new CliError('invalid input', 1, [{ pointer: '/name', message: nameProblem }]);
      const { token: secret, info } = await createToken(ctx.db.client, { name: o.name, sourceId: o.source, scope: o.scope as Scope });
      out(ctx, { token: secret, ...info }, () => `${secret}\n\nThis is the only time the token is shown. It writes as '${o.source}' with scope ${o.scope}.`);
    });
  });
  addJson(token.command('list').description('list tokens (never their secrets)').addHelpText('after', '\nExample:\n  $ reckon token list')).action(async (o: { json?: boolean }) => {
    await withLedger(o, async (ctx) => {
      const all = await listTokens(ctx.db.client);
      out(ctx, all, () => all.map((t) => `${t.name.padEnd(24)} ${t.scope.padEnd(6)} ${t.sourceId.padEnd(24)} ${t.createdAt}${t.revokedAt ? `  revoked ${t.revokedAt}` : ''}`).join('\n') || '(no tokens: writes are open on loopback)');
    });
  });
  addJson(token.command('revoke <name>').description('revoke a token at once').addHelpText('after', '\nExample:\n  $ reckon token revoke alice-laptop')).action(async (name: string, o: { json?: boolean }) => {
    await withLedger(o, async (ctx) => {
      if (!(await revokeToken(ctx.db.client, name))) throw new CliError(`no live token named '${name}'`);
      out(ctx, { revoked: name }, () => `revoked ${name}`);
    });
  });
}
