/** The OpenAPI 3.1 document and the browsable reference page served from the app itself. */
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { call, freshApp } from '../helpers/db.js';

const { app } = await freshApp();
const doc = (await call(app, 'GET', '/openapi.json')).body;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function operations(): Array<{ path: string; method: string; op: any }> {
  return Object.entries<any>(doc.paths).flatMap(([path, item]) =>
    Object.entries<any>(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => ({ path, method, op })),
  );
}

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toMatch(/^3\.1/);
  });

  it('gives every operation a unique operationId', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThanOrEqual(14);
    for (const { path, method, op } of ops) expect(op.operationId, `${method} ${path}`).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
    const ids = ops.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('describes every /api route the app serves, and nothing it does not', () => {
    const served = new Set(
      app.routes
        .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL')
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z_]\w*)/g, '{$1}')}`),
    );
    const documented = new Set(operations().map((o) => `${o.method} ${o.path}`));
    expect(served.size).toBeGreaterThanOrEqual(14);
    expect([...served].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => r.split(' ')[1]!.startsWith('/api/') && !served.has(r))).toEqual([]);
    for (const r of ['post /api/claims', 'get /api/claims/{id}', 'patch /api/claims/{id}', 'post /api/events/{seq}/retraction', 'get /api/verify']) {
      expect(documented.has(r), r).toBe(true);
    }
  });

  it('declares every error response as application/problem+json', () => {
    for (const { path, method, op } of operations()) {
      const codes = Object.keys(op.responses);
      expect(codes.some((c) => c.startsWith('2')), `${method} ${path}`).toBe(true);
      for (const code of codes.filter((c) => /^[45]/.test(c))) {
        expect(Object.keys(op.responses[code].content ?? {}), `${method} ${path} ${code}`).toEqual(['application/problem+json']);
      }
    }
  });
});

describe('/docs', () => {
  it('serves HTML whose scripts and styles all come from the same origin, and they load', async () => {
    const res = await app.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    const refs = [...html.matchAll(/<(?:script|link|img)\b[^>]*\b(?:src|href)\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]!);
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]!);
    const styles = [...html.matchAll(/<link\b[^>]*rel\s*=\s*["']stylesheet["'][^>]*href\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThanOrEqual(1);
    expect(styles.length).toBeGreaterThanOrEqual(1);
    for (const ref of refs) {
      const url = new URL(ref, 'http://localhost/docs');
      expect(url.origin, ref).toBe('http://localhost');
      expect(ref, ref).not.toMatch(/^(?:https?:)?\/\//i);
    }
    for (const ref of [...scripts, ...styles]) {
      const asset = await app.request(new URL(ref, 'http://localhost/docs').pathname);
      expect(asset.status, ref).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, ref).toBeGreaterThan(0);
      expect(asset.headers.get('content-type'), ref).toMatch(scripts.includes(ref) ? /javascript/ : /text\/css/);
    }
  });

  it('points the reference page at the app’s own document', async () => {
    const html = await (await app.request('/docs')).text();
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]!);
    const bodies = await Promise.all(scripts.map(async (s) => (await app.request(s)).text()));
    const init = bodies.find((b) => b.includes('openapi.json'));
    expect(init).toBeDefined();
    expect(init).not.toMatch(/https?:\/\//);
  });

  it('refuses asset paths outside its own files', async () => {
    expect((await app.request('/docs/assets/..%2F..%2Fpackage.json')).status).toBe(404);
    expect((await app.request('/docs/assets/index.html')).status).toBe(404);
  });
});
