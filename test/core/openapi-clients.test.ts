/**
 * The OpenAPI document as outside tools read it: Spectral's OAS ruleset finds nothing, the
 * reference page has an Authorize button and a way back to the app, and a TypeScript client
 * generated from /openapi.json by openapi-typescript type-checks (and runs, through
 * openapi-fetch, against a real server) for a script that logs a claim, forecasts and reads
 * calibration, sending only what the server requires.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import spectralCore from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { call, freshApp } from '../helpers/db.js';
import { ROOT } from '../cli/helpers.js';

const { app } = await freshApp();
const doc = (await call(app, 'GET', '/openapi.json')).body;

describe('the OpenAPI document, read by outside tools', () => {
  it("lints clean under Spectral's OAS ruleset (no errors, no warnings)", async () => {
    const { Spectral, Document } = spectralCore as unknown as typeof import('@stoplight/spectral-core');
    const spectral = new Spectral();
    spectral.setRuleset({ extends: [[oas as never, 'recommended']] } as never);
    const results = await spectral.run(new Document(JSON.stringify(doc), (spectralParsers as unknown as { Json: never }).Json));
    expect(results.map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`)).toEqual([]);
  });

  it('declares the bearer scheme: required by every write, optional on reads', () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    let writes = 0;
    for (const [path, item] of Object.entries<Record<string, { security?: unknown }>>(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (['post', 'put', 'patch', 'delete'].includes(method)) {
          writes++;
          expect(op.security, `${method} ${path}`).toEqual([{ bearerAuth: [] }]);
        } else if (method === 'get') expect(op.security, `${method} ${path}`).toEqual([{}, { bearerAuth: [] }]);
      }
    }
    expect(writes).toBeGreaterThanOrEqual(8);
  });

  it('closes tuples (intervals) to their length', () => {
    const interval = doc.components.schemas.TrackRecord.properties.accuracyInterval;
    expect(interval).toMatchObject({ prefixItems: [{ type: 'number' }, { type: 'number' }], minItems: 2, maxItems: 2, items: { type: 'number' } });
  });

  it('/docs links back to the app', async () => {
    const page = await (await app.request('/docs')).text();
    expect(page).toMatch(/<a href="\/">[^<]*Reckon<\/a>/);
  });
});

describe('a client generated from /openapi.json', () => {
  mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'test-artifacts', 'client-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const script = `import createClient from 'openapi-fetch';
import type { paths } from './api.js';

const client = createClient<paths>({ baseUrl: process.env.RECKON_URL });
const source = await client.POST('/api/sources', { body: { name: 'Alice', type: 'forecaster' } });
if (!source.data) throw new Error(JSON.stringify(source.error));
const claim = await client.POST('/api/claims', {
  body: { kind: 'prediction', title: 'Rain in Paris on New Year 2030?', statement: 'It rains in Paris on 2030-01-01.', resolutionCriteria: 'Météo-France records rain in Paris on 2030-01-01.', deadline: '2030-01-01' },
});
if (!claim.data) throw new Error(JSON.stringify(claim.error));
const forecast = await client.POST('/api/claims/{id}/forecasts', { params: { path: { id: claim.data.id } }, body: { sourceId: source.data.id, probability: 0.7 } });
if (!forecast.data) throw new Error(JSON.stringify(forecast.error));
const calibration = await client.GET('/api/calibration', { params: { query: { source: source.data.id } } });
if (!calibration.data) throw new Error(JSON.stringify(calibration.error));
// Since issue 17 a forecast holds \`probability\` (yes/no), \`probabilities\` or \`cdf\` by its question.
const probability: number | undefined = forecast.data.probability;
if (probability === undefined) throw new Error('a yes/no forecast has its probability');
// A PIT histogram (numeric and date questions) holds its count under pit.
const count: number = 'pit' in calibration.data ? calibration.data.pit.count : calibration.data.count;
console.log(JSON.stringify({ claim: claim.data.id, tags: claim.data.tags, probability, count }));
`;

  it('type-checks a script that logs a claim (without the defaulted fields), forecasts and reads calibration', async () => {
    writeFileSync(join(dir, 'api.ts'), astToString(await openapiTS(doc)));
    writeFileSync(join(dir, 'main.ts'), script);
    const program = ts.createProgram([join(dir, 'main.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      skipLibCheck: true,
      types: ['node'],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });

  it('and the same script runs against a real server', async () => {
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    try {
      const { port } = server.address() as { port: number };
      // Asynchronously: the server answering the script runs in this very process.
      const r = await promisify(execFile)(process.execPath, ['--import', import.meta.resolve('tsx'), join(dir, 'main.ts')], {
        env: { ...process.env, RECKON_URL: `http://127.0.0.1:${port}` },
        timeout: 60_000,
      });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toMatchObject({ tags: [], probability: 0.7, count: 0 });
    } finally {
      server.close();
    }
  });
});
