/**
 * `reckon export` in each format, and the round trip: a ledger exported as JSON Lines and
 * imported into an empty database has the same head hash and answers GET /api/claims alike.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLAIMS_CSV_COLUMNS, FORECASTS_CSV_COLUMNS } from '../../src/interop/index.js';
import { expectFailure, inProcess, seedDemo, start, tempHome, type Home } from './helpers.js';

const source = tempHome();
const PREDICTION = 'rt-rate-cut-2031';
let ledgerText = '';
let ledgerFile = '';
let eventCount = 0;
let retractedSeq = 0;

/** JSON body of an in-process API call that must succeed. */
async function api(home: Home, method: string, path: string, body: unknown) {
  return inProcess(home, async ({ app }) => {
    const res = await app.request(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return res.json();
  });
}

beforeAll(async () => {
  // The demo case, then a prediction with two forecasts, an edit after them, and a retraction.
  await seedDemo(source);
  await api(source, 'POST', '/api/claims', {
    id: PREDICTION, kind: 'prediction', title: 'Rate cut by 2031?', statement: 'The central bank cuts its rate before 2031.',
    resolutionCriteria: 'Yes if the bank announces a cut before 2031-01-01.', deadline: '2031-01-01', tags: ['rates'],
  });
  const early = await source.json('forecast', PREDICTION, '--source', 'metaculus', '-p', '0.35', '--made-at', '2025-06-01T00:00:00Z');
  expect(early.backfilled).toBe(true);
  await inProcess(source, ({ ledger }) => ledger.append({ type: 'forecast.record', claimId: PREDICTION, input: { sourceId: 'us-intel', probability: 0.6, note: 'guidance' } }));
  const edited = await api(source, 'PATCH', `/api/claims/${PREDICTION}`, { title: 'Rate cut before 2031?', reason: 'Clearer title' });
  expect(edited.editedAfterForecasts).toBe(true);
  const retracted = await source.reckon('retract', String(early.seq), '--reason', 'Entered against the wrong claim');
  expect(retracted.code, retracted.stderr).toBe(0);
  retractedSeq = early.seq;

  const exported = await source.reckon('export');
  expect(exported.code, exported.stderr).toBe(0);
  expect(exported.stderr).toBe('');
  ledgerText = exported.stdout;
  ledgerFile = join(source.dir, 'ledger.jsonl');
  writeFileSync(ledgerFile, ledgerText);
  eventCount = await source.events();
}, 180_000);

/** Every answer of the read API that the round trip must reproduce, byte for byte. */
async function readAnswers(home: Home) {
  return inProcess(home, async ({ app }) => {
    const ids = ((await (await app.request('/api/claims?limit=200')).json()) as { items: Array<{ id: string }> }).items.map((c) => c.id);
    const paths = [
      '/api/claims?limit=200',
      '/api/claims?status=open',
      '/api/claims?kind=prediction&sort=deadline',
      '/api/claims?tag=munitions&sort=oldest',
      '/api/claims?q=troops',
      '/api/claims?source=metaculus',
      '/api/claims?limit=3',
      ...ids.flatMap((id) => [`/api/claims/${id}`, `/api/claims/${id}?asOf=2023-01-01T00:00:00Z`]),
    ];
    const answers: Array<{ path: string; status: number; body: string }> = [];
    for (const path of paths) {
      const res = await app.request(path);
      answers.push({ path, status: res.status, body: await res.text() });
    }
    return { ids, answers };
  });
}

describe.concurrent('export and the round trip', { timeout: 180_000 }, () => {
  it('export prints every event as one JSON line with its hash chain', () => {
    const events = ledgerText.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(events).toHaveLength(eventCount);
    expect(eventCount).toBe(56 + 5);
    events.forEach((e, i) => {
      expect(e.seq).toBe(i + 1);
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      if (i > 0) expect(e.prevHash).toBe(events[i - 1].hash);
    });
    expect(events.slice(-5).map((e) => e.type)).toEqual(['claim.created', 'forecast.recorded', 'forecast.recorded', 'claim.edited', 'event.retracted']);
  });

  it('import into an empty database reproduces the head hash and every GET /api/claims answer', async () => {
    const copy = tempHome();
    const summary = await copy.json('import', ledgerFile);
    const lastHash = JSON.parse(ledgerText.trimEnd().split('\n').at(-1) as string).hash;
    expect(summary).toMatchObject({ format: 'jsonl', events: { appended: eventCount }, claims: { created: 10, unchanged: 0 }, dryRun: false, head: lastHash });

    const [original, imported] = await Promise.all([source.json('verify'), copy.json('verify')]);
    expect(original).toEqual({ ok: true, events: eventCount, head: lastHash, projections: { checked: true, ok: true, mismatched: [] } });
    expect(imported).toEqual(original);

    const a = await readAnswers(source);
    const b = await readAnswers(copy);
    expect(a.ids).toHaveLength(10);
    expect(a.ids).toContain(PREDICTION);
    // Only the claims whose history starts after 2023-01-01 are missing as of then; every other answer is a 200.
    expect(a.answers.filter((x) => x.status !== 200).map((x) => `${x.status} ${x.path}`).sort()).toEqual(
      ['nk-ru-talks-advancing', 'nk-troops-acknowledged', 'nk-troops-kursk-2024', 'nk-troops-to-russia', PREDICTION].map((id) => `404 /api/claims/${id}?asOf=2023-01-01T00:00:00Z`),
    );
    expect(b.answers).toEqual(a.answers);
    // The edit and the retraction travelled too (the comparison above is not of two empty answers).
    const detail = JSON.parse(a.answers.find((x) => x.path === `/api/claims/${PREDICTION}`)?.body ?? '{}');
    expect(detail).toMatchObject({ title: 'Rate cut before 2031?', revision: 2, editedAfterForecasts: true });
    expect(detail.forecasts.find((f: { seq: number }) => f.seq === retractedSeq)).toMatchObject({ retracted: true });
  });

  it('a ledger export whose line 5 was edited imports nothing and names line 5; --dry-run of the intact one writes nothing', async () => {
    const target = tempHome();
    const lines = ledgerText.split('\n');
    const fifth = JSON.parse(lines[4] as string);
    fifth.payload.name = `${fifth.payload.name} (forged)`;
    lines[4] = JSON.stringify(fifth);
    const forged = join(target.dir, 'forged.jsonl');
    writeFileSync(forged, lines.join('\n'));
    const [r, dry] = await Promise.all([target.reckon('import', forged), target.reckon('import', ledgerFile, '--dry-run', '--json')]);
    expectFailure(r, `reckon: nothing was imported: 1 problem in ${forged}\n  line 5: the chain does not verify here: hash does not match the event’s content\n`);
    expect(JSON.parse(dry.stdout)).toMatchObject({ format: 'jsonl', events: { appended: eventCount }, dryRun: true });
    expect(await target.events()).toBe(0);
  });

  it('a ledger export imported again into its own database adds nothing and says so; into another ledger it is refused', async () => {
    const again = await source.json('import', ledgerFile);
    expect(again).toMatchObject({ format: 'jsonl', events: { appended: 0 }, claims: { created: 0, unchanged: 10 }, problems: [] });
    expect((await source.reckon('import', ledgerFile)).stdout).toMatch(/^nothing new: /);
    expect(await source.events()).toBe(eventCount);
    const other = tempHome();
    await seedDemo(other);
    const r = await other.reckon('import', ledgerFile);
    expectFailure(r, /line \d+: this export does not continue this database's ledger: event \d+ differs/);
    expect(await other.events()).toBe(56);
  });

  it('claims-csv, forecasts-csv and claimreview exports parse and agree with the ledger', async () => {
    const csvFile = join(source.dir, 'claims.csv');
    const [claimsRun, forecastsRun, reviewsRun] = await Promise.all([
      source.reckon('export', '--format', 'claims-csv', '-o', csvFile),
      source.reckon('export', '--format', 'forecasts-csv'),
      source.reckon('export', '--format', 'claimreview', '--base-url', 'https://reckon.example.org', '--publisher', 'Example Desk'),
    ]);
    expect(claimsRun.code, claimsRun.stderr).toBe(0);
    expect(claimsRun.stdout).toBe('');
    expect(claimsRun.stderr).toBe(`wrote 10 records to ${csvFile}\n`);
    const claims = parse(readFileSync(csvFile, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(claims[0] ?? {})).toEqual([...CLAIMS_CSV_COLUMNS]);
    expect(claims.map((c) => c.id)).toEqual(['nk-shells-purchase', 'nk-shells-covert-route', 'nk-wagner-delivery', 'nk-ru-talks-advancing', 'nk-never-exported', 'metaculus-nk-troops-2024', 'nk-troops-to-russia', 'nk-troops-kursk-2024', 'nk-troops-acknowledged', PREDICTION]);
    // Issue 17: the question's columns (JSON where a cell holds a list or a label).
    expect(claims.find((c) => c.id === 'nk-troops-kursk-2024')).toMatchObject({ question_type: 'numeric', range_min: '100', range_max: '100000', range_open_lower: 'true', range_open_upper: 'true', range_scale: 'log', status: 'resolved', outcome: 'resolved', resolution_value: '11000' });
    expect(claims.find((c) => c.id === 'nk-troops-acknowledged')).toMatchObject({ question_type: 'multiple-choice', ordered: 'true', resolution_value: '"April–June 2025"' });
    expect(JSON.parse(claims.find((c) => c.id === 'nk-troops-acknowledged')!.options!)).toHaveLength(4);
    expect(claims.find((c) => c.id === PREDICTION)).toMatchObject({ question_type: 'binary', options: '', range_min: '' });
    expect(claims.find((c) => c.id === 'nk-wagner-delivery')).toMatchObject({ status: 'open', asserted_by: 'US National Security Council (White House); UK Foreign Secretary', denied_by: 'Wagner Group; North Korean government (KCNA statements)' });
    expect(claims.find((c) => c.id === PREDICTION)).toMatchObject({ title: 'Rate cut before 2031?', deadline: '2031-01-01', tags: 'rates', status: 'open', outcome: '' });

    expect(forecastsRun.code, forecastsRun.stderr).toBe(0);
    const forecasts = parse(forecastsRun.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(forecasts[0] ?? {})).toEqual([...FORECASTS_CSV_COLUMNS]);
    const yesNo = forecasts.filter((f) => f.probability !== '');
    expect(forecasts.filter((f) => f.claim_id === 'nk-troops-kursk-2024').map((f) => [f.probability, f.probabilities, JSON.parse(f.cdf!).length])).toEqual(Array(4).fill(['', '', 201]));
    expect(forecasts.filter((f) => f.claim_id === 'nk-troops-acknowledged').map((f) => JSON.parse(f.probabilities!).length)).toEqual([4, 4, 4, 4]);
    expect(yesNo.map((f) => [f.claim_id, f.source_id, f.probability, f.backfilled, f.retracted, f.outcome])).toEqual([
      ['metaculus-nk-troops-2024', 'metaculus', '0.1', 'true', 'false', '0'],
      ['metaculus-nk-troops-2024', 'analyst-a', '0.25', 'true', 'false', '0'],
      ['metaculus-nk-troops-2024', 'analyst-b', '0.15', 'true', 'false', '0'],
      [PREDICTION, 'metaculus', '0.35', 'true', 'true', ''],
      [PREDICTION, 'us-intel', '0.6', 'false', 'false', ''],
    ]);

    expect(reviewsRun.code, reviewsRun.stderr).toBe(0);
    const reviews = JSON.parse(reviewsRun.stdout) as Array<Record<string, any>>;
    // The resolved allegations: three confirmed, one refuted.
    expect(reviews.map((r) => [r.url, r.reviewRating.ratingValue, r.reviewRating.alternateName]).sort()).toEqual([
      ['https://reckon.example.org/claims/nk-never-exported', 1, 'False'],
      ['https://reckon.example.org/claims/nk-ru-talks-advancing', 5, 'True'],
      ['https://reckon.example.org/claims/nk-shells-purchase', 5, 'True'],
      ['https://reckon.example.org/claims/nk-troops-to-russia', 5, 'True'],
    ]);
    for (const r of reviews) expect(r).toMatchObject({ '@context': 'https://schema.org', '@type': 'ClaimReview', author: { name: 'Example Desk', url: 'https://reckon.example.org' } });
  });

  it('import and export use the same format names; claims-csv + forecasts-csv re-import into a fresh database with the same claims and forecasts', async () => {
    const claimsFile = join(source.dir, 'rt-claims.csv');
    const forecastsFile = join(source.dir, 'rt-forecasts.csv');
    await source.reckon('export', '--format', 'claims-csv', '-o', claimsFile);
    await source.reckon('export', '--format', 'forecasts-csv', '-o', forecastsFile);
    const copy = tempHome();
    const summary = await copy.json('import', claimsFile, forecastsFile);
    expect(summary).toMatchObject({ format: 'claims-csv+forecasts-csv', problems: [] });
    expect(summary.claims.created).toBeGreaterThan(0);
    // Again: nothing new. And each export format name is an import format name.
    expect(await copy.json('import', claimsFile, forecastsFile)).toMatchObject({ events: { appended: 0 } });
    expect(await copy.json('import', '--format', 'claims-csv', claimsFile)).toMatchObject({ format: 'claims-csv', events: { appended: 0 } });
    expect(await copy.json('import', '--format', 'forecasts-csv', forecastsFile)).toMatchObject({ format: 'forecasts-csv', events: { appended: 0 } });
    const read = async (home: Home, format: string) => parse((await home.reckon('export', '--format', format)).stdout, { columns: true }) as Array<Record<string, string>>;
    // Recording times and stances (the CSV has no stance dates) are the new ledger's own; retracted forecasts are not carried.
    const claimsOf = async (home: Home) => (await read(home, 'claims-csv')).map(({ created_at: _c, asserted_by: _a, denied_by: _d, ...rest }) => rest);
    const forecastsOf = async (home: Home) =>
      (await read(home, 'forecasts-csv')).filter((f) => f.retracted === 'false').map(({ backfilled: _b, ...rest }) => rest).sort((a, b) => `${a.claim_id}${a.made_at}${a.source_id}`.localeCompare(`${b.claim_id}${b.made_at}${b.source_id}`));
    const [claimsA, claimsB, forecastsA, forecastsB] = await Promise.all([claimsOf(source), claimsOf(copy), forecastsOf(source), forecastsOf(copy)]);
    expect(claimsB).toEqual(claimsA);
    expect(forecastsB).toEqual(forecastsA);
    expect(forecastsB.length).toBeGreaterThan(0);
    for (const format of ['jsonl', 'claims-csv', 'forecasts-csv', 'claimreview']) {
      const r = await source.reckon('export', '--format', format, '-o', join(source.dir, `names.${format}`));
      expect(r.code, r.stderr).toBe(0);
      const imported = await tempHome().reckon('import', '--format', format, '--dry-run', join(source.dir, `names.${format}`));
      expect(imported.stderr).not.toMatch(/must be one of/);
    }
  });

  it('a reader that stops early (`reckon export | head`) ends the export quietly', async () => {
    const child = start(source.env, ['export']);
    // Close the reading end before the first line is written: every write meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
