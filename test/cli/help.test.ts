import { describe, expect, it } from 'vitest';
import { run, tempHome } from './helpers.js';

const home = tempHome();

/** Every command and subcommand; the test below also checks this list against the help itself. */
const COMMANDS = [
  ['serve'],
  ['source'],
  ['source', 'add'],
  ['source', 'list'],
  ['log'],
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

/** Command names listed under "Commands:" in a help text (without commander's own `help`). */
function listedCommands(help: string): string[] {
  const section = help.split(/^Commands:$/m)[1]?.split(/\n\n/)[0] ?? '';
  return [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1] as string).filter((name) => name !== 'help');
}

describe.concurrent('reckon --help', { timeout: 180_000 }, () => {
  it('the package bin runs: `node bin/reckon.js --help` prints the usage and an example, exit 0', async () => {
    const r = await run(home.env, ['--help'], ['bin/reckon.js']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: reckon \[options\] \[command\]/);
    expect(r.stdout).toContain('Example');
    // The top-level help names exactly the commands this file checks.
    expect(listedCommands(r.stdout).sort()).toEqual(COMMANDS.filter((c) => c.length === 1).map((c) => c[0]).sort());
  });

  it('every command and subcommand has help with an Example, exit 0', async ({ expect }) => {
    const results = await Promise.all(COMMANDS.map(async (cmd) => ({ cmd, r: await home.reckon(...cmd, '--help') })));
    for (const { cmd, r } of results) {
      const name = `reckon ${cmd.join(' ')} --help`;
      expect.soft(r.code, name).toBe(0);
      expect.soft(r.stderr, name).toBe('');
      expect.soft(r.stdout, name).toMatch(new RegExp(`^Usage: reckon ${cmd.join(' ')} `));
      expect.soft(r.stdout, name).toMatch(/\nExamples?:\n {2}\$ reckon /);
      // A group lists exactly the subcommands checked here.
      if (cmd.length === 1 && listedCommands(r.stdout).length > 0) {
        expect.soft(listedCommands(r.stdout).sort(), name).toEqual(COMMANDS.filter((c) => c.length === 2 && c[0] === cmd[0]).map((c) => c[1]).sort());
      }
    }
  });

  it('an unknown command exits 2 with the error and the usage on stderr', async () => {
    const r = await home.reckon('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("error: unknown command 'frobnicate'");
    expect(r.stderr).toContain('Usage: reckon');
  });
});
