import { describe, expect, it } from 'vitest';
import { parseReckonCsv, streamReckonCsv, type StreamedClaim } from '../../src/interop/csv-import.js';
import { ImportError } from '../../src/interop/errors.js';
import { fixture } from './fixtures.js';

const HEADER = 'id,question,criteria,deadline,source,probability,made at,outcome,resolved on\r\n';

/** Generates a big CSV lazily: `claims` claims of `perClaim` forecast rows each. */
async function* bigCsv(claims: number, perClaim: number): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  yield encoder.encode(HEADER);
  for (let c = 0; c < claims; c++) {
    let chunk = '';
    for (let f = 0; f < perClaim; f++) {
      const outcome = c % 2 === 0 ? 'yes,2031-01-01' : ',';
      chunk += `c${c},"Question ${c}, naïve?",Resolves yes if ${c} is even,2030-12-31,Forecaster ${f},${(f + 1) * 10}%,2025-01-0${f + 1},${outcome}\r\n`;
    }
    yield encoder.encode(chunk);
  }
}

/** Splits text into byte chunks of `size`, cutting through CRLFs and multi-byte characters. */
function* bytesOf(text: string, size: number): Generator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

async function collect(stream: AsyncIterable<StreamedClaim>): Promise<StreamedClaim[]> {
  const out: StreamedClaim[] = [];
  for await (const item of stream) out.push(item);
  return out;
}

describe('streamReckonCsv', () => {
  it('streams 50,000 rows into 10,000 claims, each source announced once', async () => {
    let claims = 0;
    let forecasts = 0;
    let confirmed = 0;
    const sources: string[] = [];
    for await (const { claim, sources: fresh } of streamReckonCsv(bigCsv(10_000, 5))) {
      claims++;
      forecasts += claim.forecasts?.length ?? 0;
      if (claim.resolution?.outcome === 'confirmed') confirmed++;
      sources.push(...fresh.map((s) => s.id));
      if (claims === 1234) {
        expect(claim.id).toBe('c1233');
        expect(claim.statement).toBe('Question 1233, naïve?');
        expect(claim.forecasts?.map((f) => f.probability)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
        expect(claim.origin).toBe(`line ${2 + 1233 * 5}`);
      }
    }
    expect({ claims, forecasts, confirmed }).toEqual({ claims: 10_000, forecasts: 50_000, confirmed: 5_000 });
    expect(sources).toEqual(['forecaster-0', 'forecaster-1', 'forecaster-2', 'forecaster-3', 'forecaster-4']);
  });

  it('gives the same claims as parseReckonCsv, however the bytes are chunked', async () => {
    const text = fixture('reckon-mapped.csv').replace(/\n/g, '\r\n');
    const map = { question: 'Claim', criteria: 'How it resolves', tags: 'Labels', source: 'Forecaster', probability: 'Confidence', stance: 'Position', date: 'Stance date', outcome: 'Result' } as const;
    const whole = parseReckonCsv(text, { map });
    for (const size of [1, 7, 64]) {
      const streamed = await collect(streamReckonCsv(bytesOf(text, size), { map }));
      expect(streamed.map((s) => s.claim)).toEqual(whole.claims);
      expect(streamed.flatMap((s) => s.sources)).toEqual(whole.sources);
    }
  });

  it('reports every problem with its line, and goes on yielding the claims that read (the caller rolls back)', async () => {
    const rows = [
      HEADER,
      'a,Q a,C,2030-01-01,Ann,0.5,2025-01-01,,\r\n',
      'b,Q b,C,2030-01-01,Ann,2.5%,2025-01-01,,\r\n',
      'b,Q b,C,2030-01-01,Ann,150,2025-01-02,,\r\n',
      'c,Q c,C,2030-01-01,Ann,0.5,2025-01-01,,\r\n',
      'a,Q a,C,2030-01-01,Bob,0.5,2025-01-03,,\r\n',
    ];
    const yielded: string[] = [];
    let error: unknown;
    try {
      for await (const { claim } of streamReckonCsv(rows)) yielded.push(claim.id!);
    } catch (caught) {
      error = caught;
    }
    expect(yielded).toEqual(['a', 'b', 'c', 'a']);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).issues).toEqual([
      { line: 4, field: 'probability', message: expect.stringContaining('"150" is neither a fraction in (0, 1) nor a percentage in [1, 100]') },
      { line: 6, field: 'question', message: expect.stringContaining('rows began on line 2') },
    ]);
  });

  it('reports a CSV syntax error together with the problems before it', async () => {
    const rows = [HEADER, 'a,Q a,C,2030-01-01,Ann,zero,2025-01-01,,\r\n', 'b,"Q b,C,2030-01-01,Ann,0.5,2025-01-01,,\r\n'];
    await expect(collect(streamReckonCsv(rows))).rejects.toMatchObject({
      issues: [
        { line: 2, field: 'probability' },
        { line: 3, message: expect.stringContaining('CSV syntax error') },
      ],
    });
  });

  it('stops at a broken header before reading rows', async () => {
    await expect(collect(streamReckonCsv(['kind,source\r\n', 'prediction,Ann\r\n']))).rejects.toMatchObject({
      issues: [
        { line: 1, field: 'question', message: 'missing required column "question"' },
        { line: 1, field: 'criteria', message: 'missing required column "criteria"' },
      ],
    });
  });
});
