/**
 * The recording and reading commands, each through a child process on one temp database
 * holding the demo case. Each test makes its own claims and sources (unique ids), so the
 * tests run concurrently.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectFailure, inProcess, seedDemo, tempHome, uid } from './helpers.js';

const home = tempHome();

beforeAll(async () => {
  await seedDemo(home);
});

/** Create a source and a claim in this process (the commands under test come after). */
async function setup(kind: 'prediction' | 'allegation') {
  const source = uid('src');
  const claim = uid(kind);
  await inProcess(home, async ({ ledger }) => {
    await ledger.append({ type: 'source.register', input: { id: source, name: `Source ${source}`, type: 'person' } });
    await ledger.append({
      type: 'claim.create',
      input: { id: claim, kind, title: `Claim ${claim}`, statement: `Statement ${claim}`, resolutionCriteria: 'Two outlets report it.', tags: [], ...(kind === 'prediction' ? { deadline: '2031-01-01' } : {}) },
    });
  });
  return { source, claim };
}

describe.concurrent('recording commands', { timeout: 180_000 }, () => {
  it('source add prints the source (--json), refuses a taken id naming /id, and source list shows it', async () => {
    const id = uid('alice');
    const added = await home.json('source', 'add', '--id', id, '--name', 'Alice Analyst', '--type', 'forecaster', '--country', 'GB');
    expect(added).toEqual({ id, name: 'Alice Analyst', type: 'forecaster', country: 'GB' });

    const dup = await home.reckon('source', 'add', '--id', id, '--name', 'Alice Again', '--type', 'person', '--json');
    expectFailure(dup);
    expect(JSON.parse(dup.stderr)).toEqual({ error: `a source with id '${id}' already exists`, status: 409, fields: [{ pointer: '/id', message: `a source with id '${id}' already exists` }] });

    const listed = await home.reckon('source', 'list');
    expect(listed.code).toBe(0);
    const line = listed.stdout.split('\n').find((l) => l.startsWith(`${id} `));
    expect(line).toMatch(new RegExp(`^${id}\\s+forecaster\\s+Alice Analyst$`));
    expect(listed.stdout).toMatch(/^dprk\s+government\s+North Korean government/m);
  });

  it('log records a prediction from flags and prints it with --json', async () => {
    const id = uid('log');
    const claim = await home.json(
      'log', '--kind', 'prediction', '--id', id, '--title', 'Rain in Leeds?', '--statement', 'It rains in Leeds on 1 May 2031.',
      '--criteria', 'Met Office records rain at Leeds.', '--deadline', '2031-05-01', '--tag', 'weather', '--tag', 'uk', '--details', 'Background',
    );
    expect(claim).toMatchObject({
      id, kind: 'prediction', title: 'Rain in Leeds?', statement: 'It rains in Leeds on 1 May 2031.', resolutionCriteria: 'Met Office records rain at Leeds.',
      details: 'Background', tags: ['weather', 'uk'], deadline: '2031-05-01', status: 'open', revision: 1, resolution: null,
    });
  });

  it('log without a terminal names each missing required field by its option, exits 1 and writes nothing', async () => {
    const id = uid('nolog');
    const r = await home.reckon('log', '--kind', 'prediction', '--id', id, '--title', 'Half a claim');
    expectFailure(r, 'missing required fields: --statement, --criteria, --deadline', /statement: required: pass --statement/, /resolutionCriteria: required: pass --criteria/);
    expect(r.code).toBe(1);
    const left = await inProcess(home, ({ db }) => db.client.execute({ sql: 'SELECT count(*) AS n FROM events WHERE claim_id = ?', args: [id] }));
    expect(Number(left.rows[0]?.n)).toBe(0);
  });

  it('forecast, stance and evidence record with --json; a bad probability is refused naming the field', async () => {
    const { source, claim } = await setup('prediction');
    const [forecast, badP, stance, evidence] = await Promise.all([
      home.json('forecast', claim, '--source', source, '-p', '0.7', '--note', 'base rate'),
      home.reckon('forecast', claim, '--source', source, '--probability', '1.5'),
      home.json('stance', claim, '--source', source, '--stance', 'denies', '--date', '2025-05', '--quote', 'No way', '--estimative', 'Very Unlikely'),
      home.json('evidence', claim, '--date', '2025-06-02', '--bearing', 'supports', '--summary', 'Satellite images', '--grade', 'b2', '--published-by', 'Agency'),
    ]);
    expect(forecast).toMatchObject({ claimId: claim, sourceId: source, probability: 0.7, note: 'base rate', backfilled: false, retracted: false });
    expect(forecast.seq).toBeTypeOf('number');
    expectFailure(badP, 'reckon: invalid input', /probability: Probability 1\.5 is not a fraction: write 1\.5% for 1\.5 percent, or 0\.015 as a fraction\./);
    expect(stance).toMatchObject({ claimId: claim, sourceId: source, stance: 'denies', date: '2025-05', quote: 'No way', estimative: 'very unlikely', retracted: false });
    expect(evidence).toMatchObject({ claimId: claim, date: '2025-06-02', bearing: 'supports', summary: 'Satellite images', publishedBy: 'Agency', grade: { reliability: 'B', credibility: 2 } });
    // Exactly the three good ones landed.
    const rows = await inProcess(home, ({ db }) => db.client.execute({ sql: 'SELECT type FROM events WHERE claim_id = ? ORDER BY seq', args: [claim] }));
    expect(rows.rows.map((r) => r.type).sort()).toEqual(['claim.created', 'evidence.recorded', 'forecast.recorded', 'stance.recorded']);
  });

  it('-p takes 70%, 0.7 and 7:3; a bare 70 is refused with a hint; an out-of-bounds one is refused in the unit typed', async () => {
    const { source, claim } = await setup('prediction');
    const [pct, odds, bare, certain, text] = await Promise.all([
      home.json('forecast', claim, '--source', source, '-p', '70%'),
      home.json('forecast', claim, '--source', source, '-p', '3:1'),
      home.reckon('forecast', claim, '--source', source, '-p', '70'),
      home.reckon('forecast', claim, '--source', source, '-p', '100%'),
      home.reckon('forecast', claim, '--source', source, '-p', '0.57'),
    ]);
    // Said back in percent without binary noise (0.57 × 100 is 56.99999999999999 in floating point).
    expect(text.stdout).toMatch(new RegExp(`^event \\d+: ${source} gives ${claim} 57 %\n$`));
    expect(pct).toMatchObject({ probability: 0.7 });
    expect(odds).toMatchObject({ probability: 0.75 });
    expectFailure(bare, 'reckon: invalid input\n  probability: Probability 70 is not a fraction: write 70% for 70 percent, or 0.7 as a fraction.\n');
    expectFailure(certain, /probability: Probability must be between 1 % and 99 % \(you typed 100 %\)\. Reckon never records certainty/);
  });

  it('resolve, reopen and retract append events; a second reopen is refused; show reflects them', async () => {
    const { source, claim } = await setup('allegation');
    const stance = await inProcess(home, ({ ledger }) => ledger.append({ type: 'stance.record', claimId: claim, input: { sourceId: source, stance: 'asserts', date: '2025-01-02' } }));
    const resolved = await home.json('resolve', claim, '--outcome', 'confirmed', '--known-on', '2025-03-01', '--note', 'Both outlets ran it');
    expect(resolved).toMatchObject({ claimId: claim, outcome: 'confirmed', knownOn: '2025-03-01', note: 'Both outlets ran it', evidenceIds: [] });
    const reopened = await home.reckon('reopen', claim, '--reason', 'One outlet withdrew its story');
    expect(reopened.stderr).toBe('');
    // Other tests write to this database at the same time: sequence numbers only grow.
    const reopenSeq = Number(new RegExp(`^event (\\d+): ${claim} reopened\n$`).exec(reopened.stdout)?.[1]);
    expect(reopenSeq).toBeGreaterThan(resolved.seq);
    const [again, retracted] = await Promise.all([home.reckon('reopen', claim, '--reason', 'again'), home.json('retract', String(stance.seq), '--reason', 'Wrong claim')]);
    expectFailure(again, 'reckon: claim is open: there is no resolution to reopen');
    expect(retracted).toMatchObject({ seq: expect.any(Number), targetSeq: stance.seq, targetType: 'stance', reason: 'Wrong claim' });
    expect(retracted.seq).toBeGreaterThan(reopenSeq);
    const view = await home.json('show', claim);
    expect(view.status).toBe('open');
    expect(view.resolutions).toHaveLength(1);
    expect(view.stances).toEqual([expect.objectContaining({ seq: stance.seq, retracted: true })]);
    expect(view.timeline.map((t: { type: string }) => t.type)).toEqual(['claim.created', 'stance.recorded', 'claim.resolved', 'claim.reopened', 'event.retracted']);
  });
});

describe.concurrent('reading commands on the demo case', { timeout: 180_000 }, () => {
  it('list filters by tag, status, kind, source and text, pages with --cursor, and refuses a bad --limit', async () => {
    const [byTag, byKind, bySource, firstPage, badLimit] = await Promise.all([
      home.json('list', '--tag', 'munitions', '--status', 'open', '-q', 'Wagner'),
      home.reckon('list', '--kind', 'prediction', '--tag', 'metaculus'),
      home.json('list', '--source', 'dprk', '--status', 'confirmed'),
      home.json('list', '--tag', 'north-korea', '--sort', 'oldest', '--limit', '4'),
      home.reckon('list', '--limit', '500'),
    ]);
    expect(byTag.items.map((c: { id: string; stanceTally: unknown }) => [c.id, c.stanceTally])).toEqual([['nk-wagner-delivery', { asserts: 2, denies: 2 }]]);
    expect(byKind.code).toBe(0);
    expect(byKind.stdout).toMatch(/^metaculus-nk-troops-2024\s+prediction\s+refuted\s+2024-01-01 More than 100 North Korean troops in Ukraine before 2024\?\n\s+\S.*\n$/);
    for (const latest of ['metaculus 10%', 'analyst-a 25%', 'analyst-b 15%']) expect(byKind.stdout).toContain(latest);
    expect(bySource.items.map((c: { id: string }) => c.id)).toEqual(['nk-shells-purchase']);
    // Oldest by the date in the world (first alleged on, a prediction's opening).
    expect(firstPage.items.map((c: { id: string }) => c.id)).toEqual(['nk-shells-purchase', 'nk-never-exported', 'nk-shells-covert-route', 'metaculus-nk-troops-2024']);
    expect(firstPage.nextCursor).toBeTypeOf('string');
    const second = await home.json('list', '--tag', 'north-korea', '--sort', 'oldest', '--limit', '4', '--cursor', firstPage.nextCursor);
    expect(second.items.map((c: { id: string }) => c.id)).toEqual(['nk-wagner-delivery', 'nk-ru-talks-advancing', 'nk-troops-to-russia', 'nk-troops-kursk-2024']);
    // The demo's two questions that are not yes/no (issue 17) make a third page.
    const third = await home.json('list', '--tag', 'north-korea', '--sort', 'oldest', '--limit', '4', '--cursor', second.nextCursor);
    expect(third.items.map((c: { id: string }) => c.id)).toEqual(['nk-troops-acknowledged']);
    expect(third.nextCursor).toBeNull();
    expectFailure(badLimit, 'reckon: invalid input', 'limit: must be a whole number from 1 to 200');
  });

  it('show prints the whole history; --as-of replays it at a date in the world; an unknown id exits 1', async () => {
    const [now, then, missing] = await Promise.all([
      home.reckon('show', 'nk-shells-purchase'),
      home.json('show', 'nk-shells-purchase', '--as-of', '2023-01-01'),
      home.reckon('show', 'no-such-claim'),
    ]);
    expect(now.code).toBe(0);
    expect(now.stdout).toMatch(/^Russia buys millions of North Korean shells and rockets {2}\[allegation, confirmed\]\n/);
    expect(now.stdout).toMatch(/#\d+ 2022-09-05 stance us-intel asserts/);
    expect(now.stdout).toMatch(/#\d+ 2023-10-13 resolved confirmed \(known on 2023-10-13\)/);
    expect(then.status).toBe('open');
    expect(then.resolution).toBeNull();
    expect(then.stances.map((s: { sourceId: string }) => s.sourceId)).toEqual(['us-intel', 'dprk']);
    expect(then.evidence).toEqual([]);
    expectFailure(missing, "reckon: no claim with id 'no-such-claim'");
  });

  it('score prints an ASCII reliability table, and --json the calibration', async () => {
    const [table, json] = await Promise.all([home.reckon('score', '--source', 'metaculus'), home.json('score', '--source', 'metaculus', '--bins', '5')]);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('forecasts 1   Brier 0.0100   log score -0.1054');
    const bins = lines.filter((l) => /^\d\.\d\d–\d\.\d\d /.test(l));
    expect(bins).toHaveLength(10);
    // The one forecast (10%, refuted) sits in the 0.10–0.20 bin: observed 0%, its mean marked by `|` at 10% of the bar.
    expect(bins[1]).toMatch(/^0\.10–0\.20 +1 +10\.0% +0\.0% +0\.0%–\d+\.\d%\s+\[ {3}\| {26}\]$/);
    expect(json).toMatchObject({ count: 1, brier: expect.closeTo(0.01, 10) });
    expect(json.bins).toHaveLength(5);
    expect(json.bins[0]).toMatchObject({ count: 1, meanForecast: expect.closeTo(0.1, 10), observedFrequency: 0 });
  });

  it('track-record counts a source’s stances right, wrong and pending', async () => {
    const [json, text] = await Promise.all([home.json('track-record', 'dprk'), home.reckon('track-record', 'dprk')]);
    // Wrong twice (denied nk-shells-purchase, confirmed; asserted nk-never-exported, refuted); two claims still open.
    expect(json.stances).toMatchObject({ right: 0, wrong: 2, pending: 2 });
    expect(json.accuracy).toBe(0);
    expect(text.stdout).toMatch(/^North Korean government \(KCNA statements\) \(dprk\)\nstances: 0 right, 2 wrong, 2 pending, 0 not scored\naccuracy: 0\.0%/);
    expect(text.stdout).toMatch(/2022-09-22 denies +wrong +nk-shells-purchase/);
  });
});
