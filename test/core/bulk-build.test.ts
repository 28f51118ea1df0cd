import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH } from '../../src/domain/canonical.js';
import type { LedgerEvent } from '../../src/domain/types.js';
import { BulkBuilder, quickCanonical } from '../../src/ledger/bulk-build.js';
import { buildEvent, PAYLOAD_TEXT, type Command } from '../../src/ledger/commands.js';
import { TxView } from '../../src/ledger/view.js';

const NOW = Date.parse('2026-01-15T12:00:00.000Z');
const base = (now: number) => ({ now, minProbability: 0.01, maxProbability: 0.99, newId: (p: string) => `${p}-x` });

/** A view with two sources and three claims (open; resolved; open with a surrogate in its id), no database behind it. */
function view(): TxView {
  const empty = { execute: async () => ({ rows: [], columns: [] }) } as never;
  const v = new TxView(empty, { seq: 0, hash: GENESIS_HASH });
  let seq = 0;
  const apply = (e: Omit<LedgerEvent, 'seq' | 'prevHash' | 'hash' | 'recordedAt' | 'recordedBy'>) =>
    v.apply({ ...e, seq: ++seq, recordedAt: '2026-01-01T00:00:00.000Z', recordedBy: null, prevHash: 'p', hash: `h${seq}` } as LedgerEvent);
  for (const id of ['ann', 'b_2']) apply({ type: 'source.registered', claimId: null, payload: { id, name: id, type: 'forecaster' } } as never);
  for (const id of ['open', 'done', 'odd\ud83d\ude00']) {
    apply({ type: 'claim.created', claimId: id, payload: { id, kind: 'prediction', title: 't', statement: 's', resolutionCriteria: 'r', tags: [], deadline: '2030-01-01' } } as never);
  }
  apply({ type: 'claim.resolved', claimId: 'done', payload: { claimId: 'done', outcome: 'confirmed', knownOn: '2025-06-01', evidenceIds: [] } } as never);
  return v;
}

/**
 * A builder, warmed or not: a warm one has seen both sources exist (on another view), so it
 * builds a forecast on a claim the view holds without waiting for any lookup.
 */
async function warmed(warm: boolean): Promise<BulkBuilder> {
  const b = new BulkBuilder();
  if (warm) {
    for (const sourceId of ['ann', 'b_2']) await b.build(view(), { type: 'forecast.record', claimId: 'open', input: { sourceId, probability: 0.5, madeAt: '2025-01-01T00:00:00Z' } }, base(NOW), null);
  }
  return b;
}

/** The builder's event for `cmd` on a fresh view, and the payload text it gives with it. */
async function quickly(b: BulkBuilder, cmd: Command, ctx: ReturnType<typeof base>, recordedBy: string | null) {
  const event = await b.build(view(), cmd, ctx, recordedBy);
  return { event, payloadText: b.payloadText };
}

async function outcome(run: () => Promise<{ event: LedgerEvent; payloadText: string }>) {
  try {
    const { event, payloadText } = await run();
    // Same members in the same order, and the stored payload text is the RFC 8785 text.
    return { json: JSON.stringify(event), payloadText, canonical: canonicalize(event.payload) };
  } catch (err) {
    return { error: String(err), status: (err as { status?: number }).status, pointer: (err as { pointer?: string }).pointer };
  }
}

const text = fc.oneof(fc.constantFrom('ann', 'b\u00e9', 'x', '', '\ud800', 'a\udc00b', '"q"\\\n', '\u2028'), fc.string({ unit: 'binary', maxLength: 6 }));
const madeAt = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('2025-01-01T10:00:00Z', '2025-05-31T23:59:59.999Z', '2025-06-01', '2025-06-01T00:00:00Z', '2023-02-30', '2026-01-15T12:04:59Z', '2026-01-15T12:05:01Z', 'soon', '2024-03-01 10:00', '2024-03-01T10:00:00+02:00'),
  fc.date({ min: new Date('2020-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
);
const probability = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.01, 0.99, 0.5, 0.1 + 0.2, 1e-7, Number.NaN, 2, -0), fc.integer({ min: 1, max: 99 }).map((n) => n / 100));

/** Mostly forecasts the rules accept (so that the text and hash are compared), some refused. */
const command = fc.record({
  claimId: fc.oneof({ arbitrary: fc.constantFrom('open', 'odd\ud83d\ude00'), weight: 8 }, { arbitrary: fc.constantFrom('done', 'none'), weight: 1 }, { arbitrary: text, weight: 1 }),
  sourceId: fc.oneof({ arbitrary: fc.constantFrom('ann', 'b_2'), weight: 8 }, { arbitrary: text, weight: 1 }),
  probability: fc.oneof({ arbitrary: fc.double({ min: 0.01, max: 0.99, noNaN: true }), weight: 6 }, { arbitrary: probability, weight: 2 }),
  madeAt: fc.oneof({ arbitrary: fc.date({ min: new Date('2020-01-01'), max: new Date('2026-01-15'), noInvalidDate: true }).map((d) => d.toISOString()), weight: 5 }, { arbitrary: madeAt, weight: 3 }),
  note: fc.option(text, { nil: undefined }),
  id: fc.option(text, { nil: undefined }),
});

describe('BulkBuilder', () => {
  it('builds every forecast exactly as buildEvent does (event, hash, payload text, refusals)', async () => {
    await fc.assert(
      fc.asyncProperty(command, fc.oneof(fc.constant(null), text), fc.integer({ min: 0, max: 2000 }), fc.boolean(), async (c, recordedBy, offset, warm) => {
        const input: Record<string, unknown> = { sourceId: c.sourceId, probability: c.probability };
        if (c.madeAt !== undefined) input.madeAt = c.madeAt;
        if (c.note !== undefined) input.note = c.note;
        if (c.id !== undefined) input.id = c.id;
        const cmd = { type: 'forecast.record', claimId: c.claimId, input } as unknown as Command;
        const now = NOW + offset;
        const general = await outcome(async () => {
          const event = await buildEvent(view(), cmd, base(now), recordedBy);
          return { event, payloadText: PAYLOAD_TEXT.get(event)! };
        });
        const quick = await outcome(async () => quickly(await warmed(warm), cmd, base(now), recordedBy));
        expect(quick).toEqual(general);
        if ('payloadText' in quick) expect(quick.payloadText).toBe(quick.canonical);
      }),
      { numRuns: 5000 },
    );
  });

  it('builds claims and resolutions exactly as buildEvent does', async () => {
    const past = fc.date({ min: new Date('2020-01-01'), max: new Date('2026-01-15'), noInvalidDate: true }).map((d) => d.toISOString());
    const date = fc.oneof(
      { arbitrary: fc.oneof(past, fc.constantFrom('2025-06-01', '2024-12-31', '2025-01-01T10:00:00Z', '2024-03-01 10:00')), weight: 6 },
      { arbitrary: fc.constantFrom('2027-01-01', '2023-02-30', 'later', ''), weight: 1 },
    );
    const words = fc.oneof({ arbitrary: fc.constantFrom('Will it rain?', 'Yes if it does.', 'na\u00efve \u2014 "q"'), weight: 4 }, { arbitrary: text, weight: 1 });
    const create = fc.record(
      {
        id: fc.oneof(fc.constantFrom('open', 'new-one'), text),
        kind: fc.constantFrom('prediction', 'allegation'),
        title: words,
        statement: words,
        resolutionCriteria: fc.oneof({ arbitrary: words, weight: 6 }, { arbitrary: fc.constantFrom('   ', ''), weight: 1 }),
        details: words,
        tags: fc.array(fc.oneof(text, fc.constantFrom(' a ', 'a', '')), { maxLength: 4 }),
        deadline: date,
        checkBy: date,
        openedAt: date,
      },
      { requiredKeys: ['kind', 'title', 'statement', 'resolutionCriteria', 'tags'] },
    );
    const resolve = fc.record(
      {
        outcome: fc.constantFrom('confirmed', 'refuted', 'annulled', 'unresolvable'),
        knownOn: date,
        note: words,
        evidenceIds: fc.oneof({ arbitrary: fc.constant([]), weight: 5 }, { arbitrary: fc.array(text, { maxLength: 2 }), weight: 1 }),
      },
      { requiredKeys: ['outcome', 'knownOn'] },
    );
    const claimId = fc.oneof({ arbitrary: fc.constantFrom('open', 'odd\ud83d\ude00'), weight: 6 }, { arbitrary: fc.constantFrom('done', 'none'), weight: 1 }, { arbitrary: text, weight: 1 });
    const cmd = fc.oneof(
      create.map((input) => ({ type: 'claim.create', input }) as Command),
      fc.tuple(claimId, resolve).map(([id, input]) => ({ type: 'claim.resolve', claimId: id, input }) as Command),
    );
    await fc.assert(
      fc.asyncProperty(cmd, fc.oneof(fc.constant(null), text), async (c, recordedBy) => {
        const general = await outcome(async () => {
          const event = await buildEvent(view(), c, base(NOW), recordedBy);
          return { event, payloadText: PAYLOAD_TEXT.get(event)! };
        });
        const quick = await outcome(async () => quickly(new BulkBuilder(), c, base(NOW), recordedBy));
        expect(quick).toEqual(general);
      }),
      { numRuns: 3000 },
    );
  });

  it('writes any JSON value as canonicalize does, or leaves it to canonicalize', () => {
    const value = fc.letrec((tie) => ({
      value: fc.oneof(
        { maxDepth: 4 },
        fc.string({ unit: 'binary', maxLength: 8 }),
        fc.double(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.sparseArray(tie('value'), { maxLength: 3 }),
        fc.dictionary(fc.string({ unit: 'binary', maxLength: 4 }), tie('value'), { maxKeys: 4 }),
        fc.constant(new Date(0)),
      ),
    })).value;
    fc.assert(
      fc.property(value, (v) => {
        const quick = quickCanonical(v);
        if (quick === undefined) return;
        expect(quick).toBe(canonicalize(v));
      }),
      { numRuns: 20000 },
    );
  });

  it('takes the general path for other commands and gives their canonical payload text', async () => {
    const cmd: Command = { type: 'claim.reopen', claimId: 'done', input: { reason: 'new evidence' } };
    const { event, payloadText } = await quickly(new BulkBuilder(), cmd, base(NOW), 'cli:me');
    expect(event).toEqual(await buildEvent(view(), cmd, base(NOW), 'cli:me'));
    expect(payloadText).toBe(canonicalJson(event.payload));
  });
});
