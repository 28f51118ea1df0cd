/**
 * The response check that call() runs on every answer: it must catch what the document does not
 * say (undocumented status, wrong content type, body off-schema) and leave alone what it does not
 * cover (pages, unknown routes).
 */
import { describe, expect, it } from 'vitest';
import { call } from '../helpers/db.js';
import { findOperation, openApiDocument } from '../helpers/openapi-check.js';

/** An app that answers every request with the given response. */
function fake(status: number, body: unknown, contentType: string | null = 'application/json') {
  return {
    request: () =>
      new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), {
        status,
        headers: contentType ? { 'content-type': contentType } : {},
      }),
  };
}

const problem = (status: number) => ({ type: 'urn:reckon:problem:x', title: 'X', status, detail: 'd' });

describe('openapi-check through call()', () => {
  it('finds operations by path template, literal segments first', async () => {
    const doc = await openApiDocument();
    expect(findOperation(doc, 'GET', '/api/sources/abc/track-record?rule=last')).toMatchObject({ operationId: 'getTrackRecord', params: { id: 'abc' } });
    expect(findOperation(doc, 'get', '/api/claims/x')).toMatchObject({ operationId: 'getClaim', params: { id: 'x' } });
    expect(findOperation(doc, 'PATCH', '/api/claims/x')).toMatchObject({ operationId: 'editClaim' });
    expect(findOperation(doc, 'DELETE', '/api/claims/x')).toBeNull();
    expect(findOperation(doc, 'GET', '/api/claims/x/y')).toBeNull();
  });

  it('passes answers the document describes', async () => {
    await expect(call(fake(200, { ok: true, events: 0, head: null, checkedFrom: 0, fullCheck: { status: 'none', startedAt: null, finishedAt: null, ok: null, events: null } }), 'GET', '/api/verify')).resolves.toMatchObject({ status: 200 });
    await expect(call(fake(404, problem(404), 'application/problem+json'), 'GET', '/api/claims/nope')).resolves.toMatchObject({ status: 404 });
  });

  it('fails a body that does not match the schema, naming method, path, status and the errors', async () => {
    await expect(call(fake(200, { ok: 'yes', events: 1.5 }), 'GET', '/api/verify?x=1')).rejects.toThrow(
      /GET \/api\/verify\?x=1 \(verifyLedger, \/api\/verify\) answered 200[\s\S]*\/ok must be boolean[\s\S]*\/events must be integer/,
    );
    await expect(call(fake(201, { id: 's', name: 'n', type: 'alien' }), 'POST', '/api/sources', {})).rejects.toThrow(/createSource[\s\S]*\/type must be equal to one of the allowed values/);
    await expect(call(fake(400, { title: 'x' }, 'application/problem+json'), 'POST', '/api/claims', {})).rejects.toThrow(/must have required property 'type'/);
  });

  it('fails an undocumented status, content type or a body that is not JSON', async () => {
    await expect(call(fake(418, problem(418), 'application/problem+json'), 'GET', '/api/sources')).rejects.toThrow(/answered 418, which is not a documented status/);
    await expect(call(fake(404, problem(404), 'application/json'), 'GET', '/api/claims/x')).rejects.toThrow(/as application\/json; documented for 404: application\/problem\+json/);
    await expect(call(fake(200, '{"ok":', 'application/json'), 'GET', '/api/verify')).rejects.toThrow(/the body is not JSON/);
    // A string body without a content type goes out as text/plain.
    await expect(call(fake(200, { ok: true, events: 0 }, null), 'GET', '/api/verify')).rejects.toThrow(/as text\/plain; documented for 200: application\/json/);
  });

  it('leaves pages, the document itself and unknown routes alone', async () => {
    await expect(call(fake(200, '<!doctype html>', 'text/html'), 'GET', '/')).resolves.toMatchObject({ status: 200 });
    await expect(call(fake(200, { openapi: '3.1.0' }), 'GET', '/openapi.json')).resolves.toMatchObject({ status: 200 });
    await expect(call(fake(404, 'nope', 'text/plain'), 'GET', '/api/no-such-thing')).resolves.toMatchObject({ status: 404 });
  });
});
