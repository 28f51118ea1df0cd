/**
 * `--help` on every command. Starting the CLI costs about a second of CPU, so one child renders
 * the help of every command from the real program (as `--help` does: `outputHelp`), and a few
 * real `reckon … --help` runs prove that this is exactly what the CLI prints.
 */
import { describe, expect, it } from 'vitest';
import { run, tempHome } from './helpers.js';

const home = tempHome();

/** Every command and subcommand; the tests also check this list against the help itself. */
const COMMANDS = [
  ['serve'],
  ['source'],
  ['source', 'add'],
  ['source', 'list'],
  ['log'],
  ['q'],
  ['forecast'],
  ['stance'],
  ['evidence'],
  ['resolve'],
  ['reopen'],
  ['retract'],
  ['list'],
  ['show'],
  ['score'],
  ['track-record'],
  ['leaderboard'],
  ['import'],
  ['export'],
  ['verify'],
  ['rebuild'],
  ['backup'],
  ['checkpoint'],
  ['token'],
  ['token', 'create'],
  ['token', 'list'],
  ['token', 'revoke'],
];

/**
 * Runs in one child: load the CLI (answering `--version` on the way), then print, as JSON, the
 * help each command path writes through commander's own `outputHelp`.
 */
const RENDER_ALL = `
process.argv = [process.argv[0], 'reckon', '--version'];
const { buildProgram } = await import('./src/cli/main.ts');
const paths = ${JSON.stringify([[], ...COMMANDS])};
const help = {};
for (const path of paths) {
  let cmd = buildProgram();
  for (const name of path) cmd = cmd.commands.find((c) => c.name() === name);
  let text = '';
  cmd.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
  cmd.outputHelp();
  help[path.join(' ')] = text;
}
process.stdout.write(JSON.stringify(help));
`;

/** Command names listed under "Commands:" in a help text (without commander's own `help`). */
function listedCommands(help: string): string[] {
  const section = help.split(/^Commands:$/m)[1]?.split(/\n\n/)[0] ?? '';
  return [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1] as string).filter((name) => name !== 'help');
}

describe.concurrent('reckon --help', { timeout: 180_000 }, () => {
  const rendered = run(home.env, ['--input-type=module', '-e', RENDER_ALL], ['--import', 'tsx']).then((r) => {
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith('0.1.0\n')).toBe(true);
    return JSON.parse(r.stdout.slice('0.1.0\n'.length)) as Record<string, string>;
  });
  // Each test awaits it; this only keeps an early failure from counting as unhandled.
  rendered.catch(() => undefined);

  it('every command and subcommand has help with an Example', async ({ expect }) => {
    const help = await rendered;
    expect(Object.keys(help)).toHaveLength(COMMANDS.length + 1);
    for (const cmd of COMMANDS) {
      const text = help[cmd.join(' ')] ?? '';
      // A command with an alias shows it after a bar (`log|new`).
      expect.soft(text, cmd.join(' ')).toMatch(new RegExp(`^Usage: reckon ${cmd.join(' ')}(\\|[a-z]+)? `));
      expect.soft(text, cmd.join(' ')).toMatch(/\nExamples?:\n {2}\$ reckon /);
    }
    // The lists above are complete: the top level and each group name exactly these.
    expect(listedCommands(help[''] ?? '').sort()).toEqual(COMMANDS.filter((c) => c.length === 1).map((c) => c[0]).sort());
    for (const group of ['source', 'token']) {
      expect(listedCommands(help[group] ?? '').sort()).toEqual(COMMANDS.filter((c) => c.length === 2 && c[0] === group).map((c) => c[1]).sort());
    }
  });

  it('the package bin runs: `node bin/reckon.js --help` prints the top-level help with an example, exit 0', async () => {
    const [r, help] = await Promise.all([run(home.env, ['--help'], ['bin/reckon.js']), rendered]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(help['']);
    expect(r.stdout).toMatch(/^Usage: reckon \[options\] \[command\]\n/);
    expect(r.stdout).toContain('\nExample:\n  $ reckon list --status open\n');
  });

  it.each([{ cmd: 'log' }, { cmd: 'source add' }, { cmd: 'token revoke' }])('`reckon $cmd --help` prints exactly that help, exit 0', async ({ cmd }) => {
    const [r, help] = await Promise.all([home.reckon(...cmd.split(' '), '--help'), rendered]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(help[cmd]);
  });

  it('an unknown command exits 2 with the error and the usage on stderr', async () => {
    const r = await home.reckon('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("error: unknown command 'frobnicate'");
    expect(r.stderr).toContain('Usage: reckon');
  });
});
