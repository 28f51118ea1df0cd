/**
 * Small builders shared by the core tests: every row they make has its own uid() id,
 * and everything goes through the real app (or the real ledger).
 */
import { expect } from 'vitest';
import { eventCount } from '../../src/db/queries.js';
import type { Database } from '../../src/db/client.js';
import { call, uid } from '../helpers/db.js';

export type App = Parameters<typeof call>[0];

/** Register a source through the API and return its id. */
export async function source(app: App, overrides: Record<string, unknown> = {}): Promise<string> {
  const id = uid('src');
  const res = await call(app, 'POST', '/api/sources', { id, name: `Source ${id}`, type: 'person', ...overrides });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** Log a claim through the API (an allegation unless told otherwise) and return its id. */
export async function claim(app: App, overrides: Record<string, unknown> = {}): Promise<string> {
  const id = uid('cl');
  const res = await call(app, 'POST', '/api/claims', {
    id,
    kind: 'allegation',
    title: `Claim ${id}`,
    statement: `Statement of ${id}`,
    resolutionCriteria: 'Confirmed when two independent outlets report it.',
    ...overrides,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** A prediction with a deadline. */
export function prediction(app: App, overrides: Record<string, unknown> = {}): Promise<string> {
  return claim(app, { kind: 'prediction', deadline: '2030-12-31', ...overrides });
}

/** POST that must succeed with 201; returns the body. */
export async function post(app: App, path: string, body: unknown): Promise<any> {
  const res = await call(app, 'POST', path, body);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body;
}

export async function getClaim(app: App, id: string, query = ''): Promise<any> {
  const res = await call(app, 'GET', `/api/claims/${id}${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** The list item of one claim, found by paging through the whole list. */
export async function listItem(app: App, id: string, query = ''): Promise<any> {
  let cursor: string | null = null;
  do {
    const res = await call(app, 'GET', `/api/claims?limit=200${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const item = (res.body.items as any[]).find((x) => x.id === id);
    if (item) return item;
    cursor = res.body.nextCursor;
  } while (cursor);
  throw new Error(`claim ${id} is not in the list`);
}

/** A random word of letters only, so full-text search sees it as one token. */
export function word(): string {
  let w = 'w';
  for (let i = 0; i < 10; i++) w += String.fromCharCode(97 + Math.floor(Math.random() * 26));
  return w;
}

/** A problem+json answer with the given status and, when given, a field error at that pointer. */
export function expectProblem(res: { status: number; headers: Headers; body: any }, status: number, pointer?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
  if (pointer !== undefined) {
    expect(res.body.errors, JSON.stringify(res.body)).toEqual(expect.arrayContaining([expect.objectContaining({ pointer, message: expect.any(String) })]));
  }
}

export const events = (db: Database) => eventCount(db.client);

/** A recording clock tests can move. */
export function manualClock(start: string) {
  const clock = { now: Date.parse(start), set: (iso: string) => void (clock.now = Date.parse(iso)), tick: (ms: number) => void (clock.now += ms) };
  return clock;
}
