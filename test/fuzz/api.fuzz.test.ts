/**
 * Bad input never breaks the API. For every operation of the OpenAPI document, generated
 * requests (bodies made from the request schema and then mutated, garbage bodies, malformed
 * JSON, wrong content types, oversize bodies; path params that hit real and unreal resources;
 * query strings from the parameter schemas and garbage) must be answered with a documented
 * 2xx or a 4xx application/problem+json (type, title, status), never a 5xx; every answer must
 * match the document; and a refused request must leave the ledger as it was (event count and
 * head hash), while an accepted write adds exactly one event.
 *
 * RECKON_FUZZ_RUNS sets the requests per operation (default 150; try 2000 for a long run),
 * RECKON_FUZZ_SEED replays a run.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createApp, MAX_BODY_BYTES } from '../../src/http/app.js';
import { ESTIMATIVE_PHRASES } from '../../src/domain/scoring/icd203.js';
import { createToken, revokeToken } from '../../src/db/tokens.js';
import { loadSigningKey } from '../../src/ledger/checkpoint.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { call, freshDb } from '../helpers/db.js';
import { findOperation, responseMismatch, type OpenApiDoc } from '../helpers/openapi-check.js';
import {
  bodyArb,
  CONTENT_TYPES,
  deref,
  encodeSegment,
  fromSchema,
  instant,
  nastyValue,
  partialDate,
  RAW_SEGMENTS,
  Raw,
  toJson,
  weirdSegment,
  type Body,
  type Hints,
  type Schema,
} from './arbitraries.js';

const RUNS = Math.max(1, Number(process.env.RECKON_FUZZ_RUNS ?? 150));
const SEED = process.env.RECKON_FUZZ_SEED !== undefined ? Number(process.env.RECKON_FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const TIMEOUT = 30_000 + RUNS * 250;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// The app as a server runs it, checkpoint key included (without one those routes answer 503 by design).
const db = await freshDb();
const app = createApp({ db, ledger: new Ledger(db), signingKey: loadSigningKey(join(db.dir, 'checkpoint.pem')) });
const doc = (await (await app.request('/openapi.json')).json()) as OpenApiDoc;

// ---------------------------------------------------------------- a small world to aim at

const world = {
  sources: [] as string[],
  claims: [] as string[],
  seqs: [] as number[],
  evidenceIds: [] as string[],
  cursors: { claims: [] as string[], sources: [] as string[], events: [] as string[] },
};

async function ok(method: string, path: string, body?: unknown) {
  const res = await call(app, method, path, body);
  if (res.status >= 300) throw new Error(`seeding ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

for (const [i, type] of ['person', 'government', 'forecaster', 'media'].entries()) {
  world.sources.push((await ok('POST', '/api/sources', { id: `fz-src-${i}`, name: `Fuzz source ${i}`, type })).id);
}
const allegation = (await ok('POST', '/api/claims', { id: 'fz-allegation', kind: 'allegation', title: 'An allegation', statement: 'Something happened.', resolutionCriteria: 'Two outlets report it.', tags: ['fuzz', 'alpha'] })).id;
const prediction = (await ok('POST', '/api/claims', { id: 'fz-prediction', kind: 'prediction', title: 'A prediction', statement: 'Something will happen.', resolutionCriteria: 'It happens.', deadline: '2031-01-01', tags: ['fuzz'] })).id;
const resolved = (await ok('POST', '/api/claims', { id: 'fz-resolved', kind: 'prediction', title: 'Resolved', statement: 'It happened.', resolutionCriteria: 'It did.', deadline: '2020-06-01' })).id;
world.claims.push(allegation, prediction, resolved);
for (const claimId of [allegation, prediction, resolved]) {
  for (const src of world.sources.slice(0, 2)) {
    world.seqs.push((await ok('POST', `/api/claims/${claimId}/forecasts`, { sourceId: src, probability: 0.3, madeAt: '2020-01-01' })).seq);
    world.seqs.push((await ok('POST', `/api/claims/${claimId}/stances`, { sourceId: src, stance: 'asserts', date: '2020-02' })).seq);
  }
  const ev = await ok('POST', `/api/claims/${claimId}/evidence`, { date: '2020-03-01', summary: 'A report.', bearing: 'supports', grade: { reliability: 'B', credibility: 2 } });
  world.seqs.push(ev.seq);
  world.evidenceIds.push(ev.id);
}
await ok('POST', `/api/claims/${resolved}/resolution`, { outcome: 'confirmed', knownOn: '2020-07-01', evidenceIds: [world.evidenceIds[2]] });
for (const path of ['/api/claims?limit=1', '/api/claims?limit=1&sort=deadline', '/api/sources?limit=1', '/api/sources?limit=1&sort=accuracy', '/api/events?limit=1']) {
  const cursor = (await ok('GET', path)).nextCursor as string | null;
  const pool = path.startsWith('/api/claims') ? world.cursors.claims : path.startsWith('/api/sources') ? world.cursors.sources : world.cursors.events;
  if (cursor) pool.push(cursor);
}

// ---------------------------------------------------------------- hints: values that hit the world

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : toJson(v)).toString('base64url');
const craftedCursors = fc.constantFrom(
  ...[
    { s: 0 }, { s: -1 }, { s: 1e300 }, { s: 2 ** 63 }, { s: 1.5 }, { s: '1' }, { s: 3, d: null }, { s: 3, d: 'x' }, { s: 3, d: 5 }, { s: 3, d: '\u0000' },
    ['#', '-5'], ['#', 'NaN'], ['#', '1e9'], ['#', '99999999999999999999'], ['#', ''], ['', ''], ['\uD800', 'x'], ['a', 'b', 'c'], [1, 2], null, 7, 'x', {},
  ].map(b64),
  '', '!!!', '%%%', 'a', '====', 'eyJzIjo', b64('{"s":'), b64(new Raw('{"s":1,"s":"x"}').text),
);

function slugOrExisting(pool: () => string[]): fc.Arbitrary<string> {
  return fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...pool()) }, { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/) });
}

const bodyHints: Hints = (name, schema) => {
  switch (name) {
    case 'sourceId':
      return slugOrExisting(() => world.sources);
    case 'id':
      return fc.oneof(
        { weight: 8, arbitrary: fc.stringMatching(/^[a-z0-9]{3,16}$/).map((s) => `fz-${s}`) },
        { weight: 1, arbitrary: fc.constantFrom(...world.sources, ...world.claims) },
      );
    case 'probability':
    case 'confidence':
      return fc.oneof({ weight: 9, arbitrary: fc.double({ min: 0.01, max: 0.99, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(0.005, 0.995, 0.01, 0.99, 0.5) });
    case 'madeAt':
    case 'knownOn':
      return fc.oneof({ weight: 4, arbitrary: fc.integer({ min: -3000, max: 0 }).map((d) => new Date(Date.now() + d * 86_400_000).toISOString()) }, { weight: 1, arbitrary: instant });
    case 'deadline':
    case 'checkBy':
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: -400, max: 4000 }).map((d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10)) },
        { weight: 1, arbitrary: instant },
        { weight: Array.isArray(schema.type) && schema.type.includes('null') ? 1 : 0, arbitrary: fc.constant(null) },
      );
    case 'date':
      return partialDate;
    case 'estimative':
      return fc.constantFrom(...ESTIMATIVE_PHRASES, 'Very Likely', ' likely ');
    case 'evidenceIds[]':
      return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...world.evidenceIds) }, { weight: 1, arbitrary: fc.constantFrom('ev-none', '', '\uD800') });
    case 'tags[]':
      return fc.constantFrom('fuzz', 'alpha', 'beta', 'ünïcode', '日本');
    default:
      return undefined;
  }
};

const queryHints: Hints = (name, schema) => {
  switch (name) {
    case 'source':
      return slugOrExisting(() => world.sources);
    case 'cursor':
      return fc.oneof(fc.constantFrom(...world.cursors.claims, ...world.cursors.sources, ...world.cursors.events, 'x'), craftedCursors);
    case 'q':
      return fc.constantFrom('allegation', 'something happen', 'pred*', '"', 'a OR b', 'NEAR(x y)', '*', '-', '日本', 'x'.repeat(400));
    case 'tag':
      return fc.constantFrom('fuzz', 'alpha', 'none', 'FUZZ');
    case 'after':
      return fc.integer({ min: 0, max: world.seqs.length + 40 });
    case 'asOf':
    case 'asOfRecorded':
    case 'from':
    case 'to':
      return instant;
    default:
      return schema.format === 'date-time' ? instant : undefined;
  }
};

// ---------------------------------------------------------------- requests

interface Req {
  label: string;
  method: string;
  path: string;
  contentType?: string;
  body?: Body;
  authorization?: string;
}

/** Mostly none (the loopback default lets writes through); now and then a bad or odd credential. */
const AUTHORIZATION = fc.oneof(
  { weight: 25, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom('Bearer x', 'Bearer', 'Bearer ', 'bearer  tok  ', 'Basic dXNlcjpwYXNz', 'Token abc', '', `Bearer ${'a'.repeat(5_000)}`, 'Bearer \u00e9', "Bearer ' OR 1=1 --", 'Bearer a b') },
);

type Operation = { method: string; template: string; op: any };

const operations: Operation[] = Object.entries(doc.paths).flatMap(([template, item]) =>
  Object.entries(item)
    .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
    .map(([method, op]) => ({ method: method.toUpperCase(), template, op })),
);

function paramSchema(p: any): Schema {
  return deref(doc, p.schema ?? {});
}

function pathParamArb(template: string, name: string, schema: Schema): fc.Arbitrary<string> {
  const real =
    name === 'seq'
      ? fc.oneof(fc.constantFrom(...world.seqs), fc.integer({ min: 1, max: world.seqs.length + 30 }))
      : template.startsWith('/api/sources/')
        ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...world.sources) }, { weight: 1, arbitrary: fc.constantFrom(...world.claims) })
        : fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...world.claims) }, { weight: 1, arbitrary: fc.constantFrom(...world.sources) });
  return fc.oneof(
    { weight: 12, arbitrary: real.map((v) => encodeSegment(String(v))) },
    { weight: 2, arbitrary: fromSchema(doc, schema, () => undefined).map((v) => encodeSegment(String(v))) },
    { weight: 3, arbitrary: weirdSegment() },
  );
}

function queryArb(params: any[]): fc.Arbitrary<string> {
  const one = (p: any): fc.Arbitrary<Array<[string, string]>> => {
    const schema = deref(doc, p.schema ?? {});
    const valid = fromSchema(doc, schema, queryHints, p.name).map((v) => encodeSegment(String(v)));
    const nasty = fc.oneof(nastyValue(1).map((v) => encodeSegment(typeof v === 'string' ? v : v instanceof Raw ? v.text : toJson(v))), fc.constantFrom(...RAW_SEGMENTS));
    return fc.oneof(
      { weight: 8, arbitrary: fc.constant<Array<[string, string]>>([]) },
      { weight: 5, arbitrary: valid.map((v) => [[p.name, v]] as Array<[string, string]>) },
      { weight: 2, arbitrary: nasty.map((v) => [[p.name, v]] as Array<[string, string]>) },
      { weight: 1, arbitrary: fc.tuple(valid, valid).map(([a, b]) => [[p.name, a], [p.name, b]] as Array<[string, string]>) },
      { weight: 1, arbitrary: fc.constantFrom<Array<[string, string]>>([[p.name, '']], [[`${p.name}`, '\u0000']], [[`${p.name}[]`, '1']], [[p.name.toUpperCase(), '1']]) },
    );
  };
  const extra = fc.oneof(
    { weight: 8, arbitrary: fc.constant<Array<[string, string]>>([]) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', 'surprise', '__proto__', 'constructor', '', '%', '%ED%A0%80', 'a[b]', 'limit '), weirdSegment()).map(([k, v]) => [[k, v]] as Array<[string, string]>) },
  );
  return fc.tuple(fc.tuple(...params.map(one)), extra, fc.nat({ max: 40 })).map(([parts, more, r]) => {
    const pairs = [...parts.flat(), ...more];
    if (r === 0) return '?%';
    if (r === 1) return '?&&&=&=x&%zz=%zz';
    if (r === 2) return `?${'a=1&'.repeat(2_000)}`;
    if (pairs.length === 0) return r === 3 ? '?' : '';
    return `?${pairs.map(([k, v]) => (v === '' && r % 2 ? k : `${k}=${v}`)).join('&')}`;
  });
}

function requestArb({ method, template, op }: Operation): fc.Arbitrary<Req> {
  const params: any[] = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const segments = template.split(/(\{[^}]+\})/).map((part): fc.Arbitrary<string> => {
    const m = /^\{([^}]+)\}$/.exec(part);
    if (!m) return fc.constant(part);
    const p = pathParams.find((x) => x.name === m[1]) ?? { name: m[1], schema: { type: 'string' } };
    return pathParamArb(template, m[1]!, paramSchema(p));
  });
  const path = fc.tuple(...segments).map((s) => s.join(''));
  const query = queryParams.length ? queryArb(queryParams) : fc.oneof({ weight: 10, arbitrary: fc.constant('') }, { weight: 1, arbitrary: weirdSegment().map((v) => `?x=${v}`) });
  const label = `${method} ${template}`;
  if (method === 'GET' || method === 'DELETE') {
    return fc.tuple(path, query, AUTHORIZATION).map(([p, q, authorization]) => ({ label, method, path: p + q, authorization }));
  }
  const schema = op.requestBody?.content?.['application/json']?.schema as Schema | undefined;
  const body = fc.oneof({ weight: 30, arbitrary: bodyArb(doc, schema, bodyHints, MAX_BODY_BYTES) }, { weight: 1, arbitrary: fc.constant(undefined) });
  return fc.tuple(path, query, CONTENT_TYPES, body, AUTHORIZATION).map(([p, q, contentType, b, authorization]) => ({ label, method, path: p + q, contentType, body: b, authorization }));
}

// ---------------------------------------------------------------- sending and judging

const stats = { requests: 0, serverErrors: 0, unsendable: 0, byStatus: new Map<string, Map<number, number>>() };
const failures = new Map<string, { count: number; example: string }>();

async function ledgerState(): Promise<{ events: number; head: string | null }> {
  const rs = await db.client.execute('SELECT count(*) AS n, (SELECT hash FROM events ORDER BY seq DESC LIMIT 1) AS head FROM events');
  return { events: Number(rs.rows[0]!.n), head: (rs.rows[0]!.head as string | null) ?? null };
}

function describeReq(req: Req): string {
  const body =
    req.body === undefined ? '(none)' : req.body.kind === 'json' ? toJson(req.body.value) : req.body.kind === 'text' ? JSON.stringify(req.body.text) : `bytes[${[...req.body.bytes].join(',')}]`;
  const clip = (s: string) => (s.length > 400 ? `${s.slice(0, 400)}… (${s.length} chars)` : s);
  const auth = req.authorization === undefined ? '' : `\n  authorization: ${JSON.stringify(clip(req.authorization))}`;
  return `${req.method} ${clip(req.path)}${auth}\n  content-type: ${req.contentType === undefined ? '(none)' : JSON.stringify(req.contentType)}\n  body: ${clip(body)}`;
}

/** Which test is sending: failures are reported by the test that met them. */
let phase = '';

function fail(req: Req, status: number, kind: string, detail: string): void {
  const key = `${phase} | ${req.label} → ${status}: ${kind}`;
  const seen = failures.get(key);
  if (seen) seen.count += 1;
  else failures.set(key, { count: 1, example: `${describeReq(req)}\n  answer ${status}: ${detail.length > 1500 ? `${detail.slice(0, 1500)}…` : detail}` });
}

function learn(req: Req, json: any): void {
  if (!json || typeof json !== 'object') return;
  if (req.label === 'POST /api/sources' && typeof json.id === 'string') world.sources.push(json.id);
  else if (req.label === 'POST /api/claims' && typeof json.id === 'string') world.claims.push(json.id);
  if (typeof json.seq === 'number' && /forecasts|stances|evidence/.test(req.label)) world.seqs.push(json.seq);
  if (req.label.endsWith('/evidence') && typeof json.id === 'string') world.evidenceIds.push(json.id);
}

/**
 * Send one request and judge the answer. Alone (`concurrent` false) it also checks the ledger
 * before and after; in a burst the caller checks the total. Returns whether a write was accepted.
 */
/**
 * Events an accepted write adds: one, except the quick log (a claim and its forecast, in one
 * transaction) and webhook configuration, which lives outside the ledger.
 */
const EVENTS_PER_WRITE: Record<string, number> = { quickLog: 2, createWebhook: 0, deleteWebhook: 0 };

/** The number of events an accepted write added (0 for anything else). */
async function fire(req: Req, concurrent = false): Promise<number> {
  let request: Request;
  try {
    const headers = new Headers();
    if (req.contentType !== undefined) headers.set('content-type', req.contentType);
    if (req.authorization !== undefined) headers.set('authorization', req.authorization);
    const body = req.body === undefined ? undefined : req.body.kind === 'json' ? toJson(req.body.value) : req.body.kind === 'text' ? req.body.text : (req.body.bytes as Uint8Array<ArrayBuffer>);
    request = new Request(`http://localhost${req.path}`, { method: req.method, headers, body });
  } catch {
    stats.unsendable += 1; // the client could not even build it (e.g. a header fetch refuses)
    return 0;
  }
  const url = new URL(request.url);
  const path = url.pathname + url.search;
  const before = concurrent ? null : await ledgerState();
  stats.requests += 1;
  let res: Response;
  try {
    res = await app.request(request);
  } catch (err) {
    stats.serverErrors += 1;
    fail(req, 0, 'the app threw', String((err as Error)?.stack ?? err));
    return 0;
  }
  const text = await res.text();
  const status = res.status;
  const counts = stats.byStatus.get(req.label) ?? new Map<number, number>();
  counts.set(status, (counts.get(status) ?? 0) + 1);
  stats.byStatus.set(req.label, counts);
  const contentType = res.headers.get('content-type');
  const documented = findOperation(doc, req.method, url.pathname);

  // An expensive read shed by the concurrency limit (503 + Retry-After) is an intended answer.
  const shed = status === 503 && res.headers.get('retry-after') !== null && text.includes('urn:reckon:problem:too-many-expensive-reads');
  if (status >= 500 && !shed) {
    stats.serverErrors += 1;
    fail(req, status, 'server error', text);
  } else if (status < 200 || (status >= 300 && status < 400)) {
    fail(req, status, 'unexpected status', text);
  }
  if (documented) {
    const mismatch = await responseMismatch({ method: req.method, path, status, contentType, text });
    if (mismatch) fail(req, status, 'does not match the OpenAPI document', mismatch);
  }
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* judged below */
  }
  if (status >= 400 && status < 500 && req.method !== 'HEAD') {
    if (!/^application\/problem\+json\s*(;|$)/i.test(contentType ?? '')) fail(req, status, 'a 4xx that is not application/problem+json', `${contentType}: ${text.slice(0, 300)}`);
    else if (!json || typeof json.type !== 'string' || typeof json.title !== 'string' || json.status !== status) fail(req, status, 'a problem without type/title/status', text.slice(0, 500));
  }
  // The URL parser may have moved the request off /api/ (`/api/%2e%2e` is `/`): pages are not ours to judge.
  if (status >= 200 && status < 300 && !documented && url.pathname.startsWith('/api/')) {
    const getTwin = req.method === 'HEAD' && findOperation(doc, 'GET', url.pathname);
    if (!getTwin) fail(req, status, 'an undocumented 2xx', text.slice(0, 300));
  }

  const accepted = status >= 200 && status < 300 && WRITE_METHODS.has(req.method);
  if (accepted) learn(req, json);
  const expected = accepted ? (EVENTS_PER_WRITE[documented?.operationId ?? ''] ?? 1) : 0;
  if (!before) return expected;
  const after = await ledgerState();
  if (accepted) {
    if (after.events !== before.events + expected || (expected > 0) === (after.head === before.head)) {
      fail(req, status, `an accepted write that did not add exactly ${expected} event${expected === 1 ? '' : 's'}`, `events ${before.events} → ${after.events}, head ${before.head} → ${after.head}`);
    }
  } else if (after.events !== before.events || after.head !== before.head) {
    fail(req, status, 'a refused request (or a read) changed the ledger', `events ${before.events} → ${after.events}, head ${before.head} → ${after.head}; ${text.slice(0, 300)}`);
  }
  return expected;
}

function report(): string {
  const lines = [...failures.entries()].filter(([k]) => k.startsWith(`${phase} | `));
  return lines.map(([k, v]) => `✗ ${k.slice(phase.length + 3)} (×${v.count})\n  ${v.example.replace(/\n/g, '\n  ')}`).join('\n\n');
}

function seedFor(label: string): number {
  let h = SEED;
  for (const ch of label) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

// ---------------------------------------------------------------- the tests

describe(`fuzzing every operation of the OpenAPI document (seed ${SEED}, ${RUNS} runs each)`, () => {
  const started = Date.now();

  afterAll(() => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const table = [...stats.byStatus.entries()].map(([label, m]) => `  ${label}: ${[...m.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`);
    console.log(`fuzz: status counts per operation\n${table.join('\n')}`);
    console.log(`fuzz: ${stats.requests} requests, ${stats.serverErrors} server errors, ${failures.size} distinct failures, ${seconds}s (seed ${SEED}, RECKON_FUZZ_RUNS=${RUNS})`);
  });

  it('covers every documented operation', () => {
    expect(operations.length).toBeGreaterThanOrEqual(14);
  });

  for (const operation of operations) {
    const label = `${operation.method} ${operation.template}`;
    it(
      `${label} (${operation.op.operationId})`,
      async () => {
        // Built now, so the pools hold what earlier operations created.
        phase = label;
        const reqs = fc.sample(requestArb(operation), { numRuns: RUNS, seed: seedFor(label) });
        for (const req of reqs) await fire(req);
        expect(report(), `seed ${SEED}`).toBe('');
      },
      TIMEOUT,
    );
  }

  it(
    'unknown routes, undocumented methods and malformed paths',
    async () => {
      const templates = [...new Set(operations.map((o) => o.template))];
      const concrete = fc.oneof(
        fc.constantFrom(...templates).chain((t) => fc.tuple(...t.split(/(\{[^}]+\})/).map((part) => (part.startsWith('{') ? pathParamArb(t, part.slice(1, -1), { type: 'string' }) : fc.constant(part)))).map((s) => s.join(''))),
        fc.constantFrom(...templates).map((t) => t.replace(/\{[^}]+\}/g, 'x') + '/'),
        fc.tuple(fc.constantFrom('/api', '/api/', '/api/claims/x/y/z', '/api/events/1/retraction/x', '/API/claims', '/api//claims', '/api/claims//forecasts', '/api/%2e%2e/openapi.json'), weirdSegment()).map(([a, b]) => `${a}/${b}`),
        fc.array(weirdSegment(), { minLength: 1, maxLength: 4 }).map((s) => `/api/${s.join('/')}`),
      );
      const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'get');
      const arb = fc.tuple(method, concrete, CONTENT_TYPES, bodyArb(doc, undefined, bodyHints, MAX_BODY_BYTES)).map(([m, path, contentType, body]): Req => {
        const canHaveBody = !['GET', 'HEAD', 'get'].includes(m);
        const documented = findOperation(doc, m, path);
        return { label: documented ? `${m.toUpperCase()} ${documented.template}` : `${m} (no route)`, method: m, path, ...(canHaveBody ? { contentType, body } : {}) };
      });
      phase = 'routes';
      for (const req of fc.sample(arb, { numRuns: RUNS * 2, seed: seedFor('routes') })) await fire(req);
      expect(report(), `seed ${SEED}`).toBe('');
    },
    TIMEOUT * 2,
  );

  it(
    'a burst of concurrent requests: each answered as alone, the ledger grown by exactly the accepted writes',
    async () => {
      phase = 'burst';
      const per = Math.max(2, Math.round(RUNS / 10));
      const reqs = operations.flatMap((op) => fc.sample(requestArb(op), { numRuns: per, seed: seedFor(`burst ${op.method} ${op.template}`) }));
      const before = await ledgerState();
      const accepted = (await Promise.all(reqs.map((r) => fire(r, true)))).reduce((a, b) => a + b, 0);
      const after = await ledgerState();
      expect(after.events - before.events, 'events added vs writes accepted').toBe(accepted);
      expect(report(), `seed ${SEED}`).toBe('');
    },
    TIMEOUT,
  );

  it(
    'with API tokens: admin, write (bound to one source), revoked, none and garbage',
    async () => {
      phase = 'tokens';
      const admin = await createToken(db.client, { name: 'fz-admin', sourceId: world.sources[0]!, scope: 'admin' });
      const writer = await createToken(db.client, { name: 'fz-writer', sourceId: world.sources[1]!, scope: 'write' });
      const revoked = await createToken(db.client, { name: 'fz-revoked', sourceId: world.sources[2]!, scope: 'admin' });
      await revokeToken(db.client, 'fz-revoked');
      const auth = fc.oneof(
        { weight: 4, arbitrary: fc.constant(`Bearer ${admin.token}`) },
        { weight: 4, arbitrary: fc.constant(`Bearer ${writer.token}`) },
        { weight: 1, arbitrary: fc.constantFrom(`Bearer ${revoked.token}`, `bearer ${admin.token}`, `Bearer ${admin.token}x`, `Bearer ${writer.token.slice(0, -1)}`, `Basic ${admin.token}`) },
        { weight: 1, arbitrary: AUTHORIZATION },
      );
      const per = Math.max(4, Math.round(RUNS / 3));
      for (const op of operations) {
        const label = `${op.method} ${op.template}`;
        const reqs = fc.sample(fc.tuple(requestArb(op), auth), { numRuns: per, seed: seedFor(`tokens ${label}`) });
        for (const [req, authorization] of reqs) await fire({ ...req, authorization });
      }
      expect(report(), `seed ${SEED}`).toBe('');
      // Found by this test: rebuilding projections tripped over tokens pointing at sources.
      const verified = await call(app, 'GET', '/api/verify?projections=true');
      expect(verified.status, JSON.stringify(verified.body)).toBe(200);
      expect(verified.body.projections).toMatchObject({ ok: true, mismatched: [] });
    },
    TIMEOUT * 2,
  );

  it('leaves a chain that verifies', async () => {
    const res = await call(app, 'GET', '/api/verify');
    const state = await ledgerState();
    expect(res.body).toMatchObject({ ok: true, events: state.events, head: state.head });
  });
});
