/**
 * `reckon resolve` warns before resolving (issue 13 item 2, issue 15 §3): when forecasts made
 * on or after the known-on date would not count (a date-only date is the start of that day,
 * UTC) and when the deadline has not come. Without a terminal it warns and resolves; in a
 * terminal (a real pseudo-terminal, through util-linux `script`) it asks, and `--yes` skips the
 * question. `--known-on` defaults to today (now) and accepts `today`.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { expectFailure, inProcess, ROOT, tempHome, uid, type Home } from './helpers.js';

const home = tempHome();

/** A prediction with forecasts of one source at each `madeAt`, recorded in this process. */
async function setup(deadline: string, madeAt: string[]) {
  const source = uid('src');
  const claim = uid('pred');
  await inProcess(home, async ({ ledger }) => {
    await ledger.append({ type: 'source.register', input: { id: source, name: `Source ${source}`, type: 'forecaster' } });
    await ledger.append({ type: 'claim.create', input: { id: claim, kind: 'prediction', title: `Claim ${claim}`, statement: 'S', resolutionCriteria: 'C', tags: [], deadline } });
    for (const [i, at] of madeAt.entries()) await ledger.append({ type: 'forecast.record', claimId: claim, input: { sourceId: source, probability: 0.2 + i / 10, madeAt: at } });
  });
  return claim;
}

/** Events recorded about one claim: the other tests of this file write to the same database at the same time. */
const claimEvents = (claim: string) => inProcess(home, async ({ db }) => Number((await db.client.execute({ sql: 'SELECT count(*) AS n FROM events WHERE claim_id = ?', args: [claim] })).rows[0]?.n));

const status = (claim: string) => inProcess(home, async ({ db }) => String((await db.client.execute({ sql: 'SELECT status FROM claims WHERE id = ?', args: [claim] })).rows[0]?.status));

/** `reckon …args` in a pseudo-terminal, typing `answer` (then Enter); stdout and stderr arrive together. */
function inTerminal(h: Home, args: string[], answer: string): Promise<{ code: number | null; output: string }> {
  const command = ['node', '--import', 'tsx', 'src/cli/main.ts', ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: h.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stdin.end(`${answer}\n`);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe.concurrent('reckon resolve warns before resolving', { timeout: 180_000 }, () => {
  it('without a terminal: warns that a date-only --known-on leaves a forecast out and that the deadline has not come, then resolves; --json says uncountedForecasts', async () => {
    const claim = await setup('2024-07-01', ['2024-05-01T00:00:00Z', '2024-06-01T10:00:00Z']);
    const r = await home.reckon('resolve', claim, '-o', 'refuted', '--known-on', '2024-06-01', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('reckon: warning: 1 forecast was made on or after 2024-06-01T00:00:00.000Z and will not count (a date-only --known-on means the start of that day, UTC;');
    expect(r.stderr).toContain('reckon: warning: the known-on date is before the deadline (2024-07-01)');
    expect(JSON.parse(r.stdout)).toMatchObject({ outcome: 'refuted', knownOn: '2024-06-01', uncountedForecasts: 1 });
    expect(await status(claim)).toBe('refuted');
  });

  it('says nothing when nothing is left out and the deadline has passed', async () => {
    const claim = await setup('2024-07-01', ['2024-05-01T00:00:00Z']);
    const r = await home.reckon('resolve', claim, '-o', 'confirmed', '--known-on', '2024-07-02');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/resolved confirmed \(known on 2024-07-02\)\n$/);
  });

  it('--known-on defaults to today and accepts today: now, so a forecast made earlier today counts', async () => {
    const earlier = new Date(Date.now() - 60_000).toISOString();
    for (const args of [[], ['--known-on', 'today'], ['--known-on', 'TODAY']]) {
      const claim = await setup('2099-01-01', [earlier]);
      const before = Date.now();
      const r = await home.reckon('resolve', claim, '-o', 'confirmed', ...args, '--json');
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.uncountedForecasts).toBe(0);
      expect(Date.parse(out.knownOn)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(out.knownOn)).toBeLessThanOrEqual(Date.now());
      expect(r.stderr).toContain('before the deadline (2099-01-01)');
      expect(r.stderr).not.toContain('will not count');
    }
  });

  it('in a terminal asks: "n" records nothing, "y" resolves, and --yes does not ask', async () => {
    const claim = await setup('2024-07-01', ['2024-06-01T10:00:00Z']);
    const before = await claimEvents(claim);
    const no = await inTerminal(home, ['resolve', claim, '-o', 'refuted', '--known-on', '2024-06-01'], 'n');
    expect(no.code).toBe(1);
    expect(no.output).toContain('1 forecast was made on or after 2024-06-01T00:00:00.000Z and will not count');
    expect(no.output).toContain('Resolve anyway? [y/N]');
    expect(no.output).toContain('not resolved: nothing was recorded');
    expect(await claimEvents(claim)).toBe(before);
    expect(await status(claim)).toBe('open');

    const yes = await inTerminal(home, ['resolve', claim, '-o', 'refuted', '--known-on', '2024-06-01'], 'y');
    expect(yes.code, yes.output).toBe(0);
    expect(yes.output).toContain('Resolve anyway? [y/N]');
    expect(yes.output).toMatch(/resolved refuted \(known on 2024-06-01\); 1 forecast made on or after it not counted/);
    expect(await status(claim)).toBe('refuted');

    const other = await setup('2024-07-01', ['2024-06-01T10:00:00Z']);
    const skip = await inTerminal(home, ['resolve', other, '-o', 'refuted', '--known-on', '2024-06-01', '--yes'], '');
    expect(skip.code, skip.output).toBe(0);
    expect(skip.output).toContain('will not count');
    expect(skip.output).not.toContain('Resolve anyway?');
    expect(await status(other)).toBe('refuted');
  });

  it('an unknown claim or a bad date still fails as before, naming it', async () => {
    expectFailure(await home.reckon('resolve', uid('nope'), '-o', 'refuted', '--known-on', '2024-06-01'), /no claim with id/);
    expectFailure(await home.reckon('resolve', uid('nope'), '-o', 'refuted', '--known-on', '2023-02-30'), /knownOn/);
  });
});
