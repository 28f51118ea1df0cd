/**
 * What a person sees when a command is typed wrong, and what `show` and `score` print: the
 * one line that matters, words instead of event types, and a key to the text bars.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, tempHome } from './helpers.js';

const home = tempHome();
beforeAll(() => seedDemo(home), 180_000);

describe.concurrent('usage errors and plain output', { timeout: 180_000 }, () => {
  it('`list --status bogus` is refused, as the API refuses it, naming the allowed values', async () => {
    const r = await home.reckon('list', '--status', 'bogus');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("option '--status <status>' argument 'bogus' is invalid. Allowed choices are open, confirmed, refuted, annulled, unresolvable, resolved.");
  });

  it('`list --sort sideways` and `--kind rumour` are refused too', async () => {
    const [sort, kind] = await Promise.all([home.reckon('list', '--sort', 'sideways'), home.reckon('list', '--kind', 'rumour')]);
    expect(sort.code).toBe(2);
    expect(sort.stderr).toContain('Allowed choices are newest, oldest, recorded, deadline.');
    expect(kind.code).toBe(2);
    expect(kind.stderr).toContain('Allowed choices are prediction, allegation.');
  });

  it('a missing option prints the error and the one-line usage, not the whole help', async () => {
    const r = await home.reckon('forecast', 'some-claim');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: required option '--source <id>' not specified\nUsage: reckon forecast [options] <claimId>\n(reckon forecast --help for every option)\n",
    );
  });

  it('`show` names what happened in words, not event types', async () => {
    const r = await home.reckon('show', 'nk-wagner-delivery');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/#\d+ \d{4}-\d\d-\d\d logged /);
    expect(r.stdout).toMatch(/#\d+ \d{4}-\d\d-\d\d stance /);
    expect(r.stdout).not.toMatch(/\b(claim\.created|stance\.recorded|evidence\.recorded|claim\.resolved)\b/);
  });

  it("`score` ends its reliability table with a key to the bars", async () => {
    const r = await home.reckon('score');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('key: # share of the bin');
    expect(r.stdout).toContain('| mean forecast in the bin');
  });
});
