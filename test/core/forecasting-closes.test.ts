/**
 * Forecasting closes at the deadline (issue 13 item 1), on every path: the API, the ledger's
 * bulk append (the importers' fast path), the bundle, Reckon CSV, Fatebook and Metaculus
 * imports, and the replay of a Reckon JSON Lines export. A date-only deadline is the start of
 * that day (UTC). Moving the deadline is an edit with a reason, flagged editedAfterForecasts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalEvent, chainHash } from '../../src/domain/canonical.js';
import { RuleError } from '../../src/domain/rules.js';
import type { LedgerEvent } from '../../src/domain/types.js';
import { eventCount, listEvents } from '../../src/db/queries.js';
import { ImportFailure, runImport } from '../../src/import/run-import.js';
import type { Command } from '../../src/ledger/commands.js';
import { BulkError, Ledger } from '../../src/ledger/ledger.js';
import { call, freshApp, freshDb, uid } from '../helpers/db.js';
import { events, expectProblem, getClaim, post, prediction, source, type App } from './fixtures.js';

const ctx = await freshApp();
const app: App = ctx.app;

/** A 409 whose problem type ends with `forecasting-closed`. */
function expectClosed(res: Awaited<ReturnType<typeof call>>, pointer?: string): void {
  expectProblem(res, 409, pointer);
  expect(res.body.type).toMatch(/forecasting-closed$/);
}

const forecast = (id: string, body: Record<string, unknown>) => call(app, 'POST', `/api/claims/${id}/forecasts`, body);

describe('forecasting closes at the deadline (API)', () => {
  it('refuses a forecast made now on a prediction whose date-only deadline has passed, and records nothing', async () => {
    const src = await source(app);
    const id = await prediction(app, { deadline: '2021-01-01' });
    const before = await events(ctx.db);
    expectClosed(await forecast(id, { sourceId: src, probability: 0.99 }), '/madeAt');
    expect(await events(ctx.db)).toBe(before);
    expect((await getClaim(app, id)).forecasts).toEqual([]);
  });

  it('a date-only deadline is the start of that day (UTC): the last millisecond before it is open, midnight is closed', async () => {
    const src = await source(app);
    const id = await prediction(app, { deadline: '2021-01-01' });
    await post(app, `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.4, madeAt: '2020-12-31T23:59:59.999Z' });
    expectClosed(await forecast(id, { sourceId: src, probability: 0.4, madeAt: '2021-01-01T00:00:00Z' }), '/madeAt');
    expectClosed(await forecast(id, { sourceId: src, probability: 0.4, madeAt: '2021-01-01T18:00:00Z' }), '/madeAt');
    // An offset is read as the instant it names: 00:30+01:00 is 23:30 UTC the day before.
    await post(app, `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.45, madeAt: '2021-01-01T00:30:00+01:00' });
  });

  it('a deadline with a time closes at that instant', async () => {
    const src = await source(app);
    const id = await prediction(app, { deadline: '2022-06-01T12:00:00Z' });
    await post(app, `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.3, madeAt: '2022-06-01T11:59:59Z' });
    expectClosed(await forecast(id, { sourceId: src, probability: 0.3, madeAt: '2022-06-01T12:00:00Z' }), '/madeAt');
  });

  it('a forecast after the resolution is refused with the same problem type', async () => {
    const src = await source(app);
    const id = await prediction(app);
    await post(app, `/api/claims/${id}/resolution`, { outcome: 'confirmed', knownOn: '2024-06-01' });
    expectClosed(await forecast(id, { sourceId: src, probability: 0.6, madeAt: '2024-05-01T00:00:00Z' }));
    expectClosed(await forecast(id, { sourceId: src, probability: 0.6 }));
  });

  it('moving the deadline is an edit with a reason, flagged editedAfterForecasts; forecasting follows the deadline in force', async () => {
    const src = await source(app);
    const id = await prediction(app, { deadline: '2021-01-01' });
    await post(app, `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.2, madeAt: '2020-06-01T00:00:00Z' });
    expectClosed(await forecast(id, { sourceId: src, probability: 0.3 }));
    // Without a reason the edit is refused.
    expectProblem(await call(app, 'PATCH', `/api/claims/${id}`, { deadline: '2031-01-01' }), 400, '/reason');
    expect((await getClaim(app, id)).editedAfterForecasts).toBe(false);
    const edited = await call(app, 'PATCH', `/api/claims/${id}`, { deadline: '2031-01-01', reason: 'the question was extended by its authors' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ deadline: '2031-01-01', editedAfterForecasts: true, revision: 2 });
    await post(app, `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.3 });
    // Moved back before now: closed again.
    await call(app, 'PATCH', `/api/claims/${id}`, { deadline: '2021-06-01', reason: 'extension withdrawn' });
    expectClosed(await forecast(id, { sourceId: src, probability: 0.35 }));
    const view = await getClaim(app, id);
    expect(view.revisions.map((r: { deadline: string }) => r.deadline)).toEqual(['2021-01-01', '2031-01-01', '2021-06-01']);
  });
});

describe('forecasting closes at the deadline (ledger bulk append, the importers’ fast path)', () => {
  it('refuses a late forecast on both the waiting and the immediate build path, and writes nothing', async () => {
    const db = await freshDb();
    const ledger = new Ledger(db);
    const sid = uid('fx');
    const cid = uid('q');
    const head: Command[] = [
      { type: 'source.register', input: { id: sid, name: 'F', type: 'forecaster' } },
      { type: 'claim.create', input: { id: cid, kind: 'prediction', title: 'Q', statement: 'S', resolutionCriteria: 'C', deadline: '2021-01-01', tags: [] } },
      // The first forecast is built after looking the source up; the next one from memory.
      { type: 'forecast.record', claimId: cid, input: { sourceId: sid, probability: 0.2, madeAt: '2020-01-01T00:00:00Z' } },
    ];
    for (const late of ['2021-01-01T00:00:00Z', '2024-01-01T00:00:00Z']) {
      const err = await ledger.appendAll([...head, { type: 'forecast.record', claimId: cid, input: { sourceId: sid, probability: 0.99, madeAt: late } }]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BulkError);
      expect((err as BulkError).index).toBe(3);
      expect((err as BulkError).cause).toBeInstanceOf(RuleError);
      expect((err as BulkError).cause).toMatchObject({ status: 409, code: 'forecasting-closed', pointer: '/madeAt' });
      expect(await eventCount(db.client)).toBe(0);
    }
    expect((await ledger.appendAll([...head])).count).toBe(3);
  });
});

describe('forecasting closes at the deadline (imports)', () => {
  async function importFile(name: string, text: string) {
    const db = await freshDb();
    const file = join(db.dir, name);
    writeFileSync(file, text);
    const err = await runImport(new Ledger(db), file).catch((e: unknown) => e);
    return { err, db };
  }

  it('a bundle (the demo/seed format) with a forecast after its claim’s deadline imports nothing', async () => {
    const bundle = {
      format: 'reckon-bundle',
      sources: [{ id: 'fx', name: 'F', type: 'forecaster' }],
      claims: [
        {
          id: 'late-q', kind: 'prediction', title: 'Q', statement: 'S', resolutionCriteria: 'C', deadline: '2024-01-01',
          forecasts: [{ sourceId: 'fx', probability: 0.1, madeAt: '2023-01-01T00:00:00Z' }, { sourceId: 'fx', probability: 0.99, madeAt: '2024-01-01T00:00:00Z' }],
        },
      ],
    };
    const { err, db } = await importFile('late.json', JSON.stringify(bundle));
    expect(err).toBeInstanceOf(ImportFailure);
    expect((err as ImportFailure).message).toMatch(/forecasting closed at the deadline/);
    expect(await eventCount(db.client)).toBe(0);
  });

  it('Reckon CSV: a forecast made after the deadline is refused, naming its line', async () => {
    const csv = [
      'question,kind,criteria,deadline,source,probability,made at,outcome,resolved on',
      'Will A happen?,prediction,Yes if A.,2030-01-01,Fay,0.3,2025-01-01,,',
      'Will B happen?,prediction,Yes if B.,2024-01-01,Fay,0.8,2024-02-01,,',
    ].join('\n');
    const { err, db } = await importFile('late.csv', `${csv}\n`);
    expect(err).toBeInstanceOf(ImportFailure);
    expect((err as ImportFailure).problems).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/forecasting closed at the deadline \(2024-01-01\)/) })]);
    expect(await eventCount(db.client)).toBe(0);
  });

  it('Fatebook: a forecast made after the question’s resolve-by date is refused, naming its line', async () => {
    const header = 'Question title,Multiple choice option,Forecast created by,Forecast (scale = 0-1),Forecast created at,Question created by,Question created at,Question resolve by,Resolution,Resolved at,Your Brier score for this question,Your relative Brier score for this question,Question notes,Question shared with,Question shared publicly,Question comments,Question tags';
    const rows = [
      '"Will it snow?",,"Alice",0.6,2025-01-10 10:00:0,"Alice",2025-01-10 09:00:0,2025-01-20 00:00:0,"YES",2025-01-21 10:00:0,,,,,false,,',
      '"Will it hail?",,"Alice",0.9,2025-01-20 08:00:0,"Alice",2025-01-10 09:00:0,2025-01-20 00:00:0,"YES",2025-01-21 10:00:0,,,,,false,,',
    ];
    const { err, db } = await importFile('late-fatebook.csv', `${[header, ...rows].join('\n')}\n`);
    expect(err).toBeInstanceOf(ImportFailure);
    expect((err as ImportFailure).problems).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/forecasting closed at the deadline/) })]);
    expect(await eventCount(db.client)).toBe(0);
  });

  it('Metaculus: community history after the question’s close is refused', async () => {
    const post = {
      id: 9001,
      title: 'Will X happen by 2024?',
      question: {
        id: 9001, type: 'binary', title: 'Will X happen by 2024?', resolution_criteria: 'Yes if X.', fine_print: '', description: '',
        open_time: '2023-01-01T00:00:00Z', scheduled_close_time: '2024-01-01T00:00:00Z', scheduled_resolve_time: '2024-01-01T00:00:00Z',
        resolution: null,
        aggregations: { recency_weighted: { history: [
          { start_time: Date.parse('2023-06-01T00:00:00Z') / 1000, end_time: null, centers: [0.4], forecaster_count: 5 },
          { start_time: Date.parse('2024-02-01T00:00:00Z') / 1000, end_time: null, centers: [0.9], forecaster_count: 5 },
        ] } },
      },
    };
    const { err, db } = await importFile('late-metaculus.json', JSON.stringify(post));
    expect(err).toBeInstanceOf(ImportFailure);
    expect((err as ImportFailure).message).toMatch(/forecasting closed at the deadline/);
    expect(await eventCount(db.client)).toBe(0);
  });

  it('a Reckon JSON Lines export re-hashed around a forecast after the deadline is refused when replayed, naming its line', async () => {
    const from = await freshDb();
    const ledger = new Ledger(from);
    await ledger.append({ type: 'source.register', input: { id: 'fx', name: 'F', type: 'forecaster' } });
    await ledger.append({ type: 'claim.create', input: { id: 'q', kind: 'prediction', title: 'Q', statement: 'S', resolutionCriteria: 'C', deadline: '2024-01-01', tags: [] } });
    await ledger.append({ type: 'forecast.record', claimId: 'q', input: { sourceId: 'fx', probability: 0.2, madeAt: '2023-01-01T00:00:00Z' } });
    const real = await listEvents(from.client, 0, 100);
    const last = real[real.length - 1] as LedgerEvent;
    const forged = { ...last, seq: last.seq + 1, payload: { ...last.payload, id: `fc-${last.seq + 1}`, probability: 0.99, madeAt: '2024-02-01T00:00:00.000Z' } } as LedgerEvent;
    let prev = real[0]!.prevHash;
    const chained = [...real, forged].map((e) => {
      const body = { ...e, prevHash: prev };
      prev = chainHash(prev, canonicalEvent(body));
      return { ...body, hash: prev };
    });
    const { err, db } = await importFile('forged.jsonl', `${chained.map((e) => JSON.stringify(e)).join('\n')}\n`);
    expect(err).toBeInstanceOf(ImportFailure);
    expect((err as ImportFailure).problems).toEqual([expect.objectContaining({ line: 4, message: expect.stringMatching(/forecasting closed at the deadline/) })]);
    expect(await eventCount(db.client)).toBe(0);
  });
});
