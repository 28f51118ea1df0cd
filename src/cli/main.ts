import { Command, CommanderError } from 'commander';
import { registerList } from './commands/list.js';
import { registerLog } from './commands/log.js';
import { registerQuick } from './commands/quick.js';
import { registerRecord } from './commands/record.js';
import { registerResolve } from './commands/resolve.js';
import { registerServe } from './commands/serve.js';
import { registerSource } from './commands/source.js';
import { registerVerify } from './commands/verify.js';
import { registerScore } from './commands/score.js';
import { registerLeaderboard } from './commands/leaderboard.js';
import { registerImport } from './commands/import.js';
import { registerExport } from './commands/export.js';
import { registerToken } from './commands/token.js';
import { registerCheckpoint } from './commands/checkpoint.js';
import { reportError } from './context.js';

export function buildProgram(): Command {
  const program = new Command('reckon')
    .description('Reckon: log predictions and allegations, follow them, resolve them, and see who held up.\nWorks on the database named by RECKON_DATABASE_URL (default file:./data/reckon.db).')
    .version('0.1.0')
    .exitOverride();
  registerServe(program);
  registerSource(program);
  registerLog(program);
  registerQuick(program);
  registerRecord(program);
  registerResolve(program);
  registerList(program);
  registerScore(program);
  registerLeaderboard(program);
  registerImport(program);
  registerExport(program);
  registerVerify(program);
  registerCheckpoint(program);
  registerToken(program);
  program.addHelpText('after', '\nExample:\n  $ reckon list --status open\n  $ reckon <command> --help');
  usageAfterErrors(program);
  return program;
}

/**
 * After a usage error (a missing option, a bad choice) print the command's one-line usage and
 * where the rest is, not the whole help, which would bury the one line that matters.
 */
function usageAfterErrors(cmd: Command, path: string[] = []): void {
  const names = [...path, cmd.name()];
  cmd.showHelpAfterError(`Usage: ${names.join(' ')} ${cmd.usage()}\n(${names.join(' ')} --help for every option)`);
  for (const sub of cmd.commands) usageAfterErrors(sub, names);
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    return reportError(err, argv.includes('--json'));
  }
}

process.exitCode = await main(process.argv);
