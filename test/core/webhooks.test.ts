/**
 * Outgoing webhooks against a real local HTTP receiver (port 0): Standard Webhooks signatures
 * checked by the same library, a receiver that fails, times out and then recovers, exactly-once
 * enqueue across a restart, claim.due, Slack/Discord bodies, SSRF refusals, admin scope.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/db/tokens.js';
import { createApp } from '../../src/http/app.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { WebhookDispatcher } from '../../src/webhooks/dispatcher.js';
import { call, freshDb } from '../helpers/db.js';
import { expectProblem, post, prediction, source } from './fixtures.js';

type Behaviour = 'ok' | 'fail' | 'hang';
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver that answers by script (then 200), and remembers every request. */
async function receiver() {
  const received: Received[] = [];
  const script: Behaviour[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body });
      const next = script.shift() ?? 'ok';
      if (next === 'hang') return; // never answers: the sender's time limit must end it
      res.writeHead(next === 'ok' ? 200 : 500).end(next);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, script };
}

async function until<T>(what: string, fn: () => Promise<T | undefined | null | false> | T | undefined | null | false, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const db = await freshDb();
const ledger = new Ledger(db);
const app = createApp({ db, ledger }, { webhooks: { allowPrivate: true } });
const rx = await receiver();
const fast = { allowPrivate: true, pollMs: 40, timeoutMs: 400, retryDelaysMs: [60, 60, 60] };
const dispatchers: WebhookDispatcher[] = [];
function dispatcher(opts = fast) {
  const d = new WebhookDispatcher(db.client, opts);
  dispatchers.push(d);
  d.start();
  return d;
}
afterAll(async () => {
  for (const d of dispatchers) await d.stop();
});

async function addHook(body: Record<string, unknown>) {
  const res = await call(app, 'POST', '/api/webhooks', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; secret: string; url: string };
}
const deliveries = async (id: string) => (await call(app, 'GET', `/api/webhooks/${id}/deliveries?limit=200`)).body.items as any[];
const forHook = (path: string) => rx.received.filter((r) => r.path === path);

describe('POST /api/webhooks', () => {
  it('refuses non-http(s) targets, unknown events and bad secrets, naming the field', async () => {
    expectProblem(await call(app, 'POST', '/api/webhooks', { url: 'ftp://example.org/x', events: ['claim.created'] }), 422, '/url');
    expectProblem(await call(app, 'POST', '/api/webhooks', { url: `${rx.url}/x`, events: ['claim.exploded'] }), 400, '/events/0');
    expectProblem(await call(app, 'POST', '/api/webhooks', { url: `${rx.url}/x`, events: [] }), 400, '/events');
    expectProblem(await call(app, 'POST', '/api/webhooks', { url: `${rx.url}/x`, events: ['claim.created'], secret: 'hunter2' }), 400, '/secret');
  });

  it('refuses loopback, private, link-local and mapped addresses unless RECKON_WEBHOOK_ALLOW_PRIVATE', async () => {
    const strict = createApp({ db, ledger });
    for (const url of ['http://127.0.0.1:9/x', 'http://localhost/x', 'http://10.1.2.3/x', 'http://192.168.0.1/x', 'http://169.254.169.254/latest', 'http://[::1]/x', 'http://[::ffff:127.0.0.1]/x', 'http://[fd00::1]/x', 'http://0.0.0.0/x']) {
      const res = await call(strict, 'POST', '/api/webhooks', { url, events: ['claim.created'] });
      expectProblem(res, 422, '/url');
      expect(res.body.errors[0].message).toMatch(/loopback, private or reserved/);
    }
  });

  it('needs an admin token once tokens exist: a write token is refused, an admin token accepted', async () => {
    const own = await freshDb();
    const ownApp = createApp({ db: own, ledger: new Ledger(own) }, { webhooks: { allowPrivate: true } });
    const src = await source(ownApp);
    const { token: writer } = await createToken(own.client, { name: 'w', sourceId: src, scope: 'write' });
    const { token: admin } = await createToken(own.client, { name: 'a', sourceId: src, scope: 'admin' });
    const body = { url: `${rx.url}/admin`, events: ['claim.created'] };
    expect((await call(ownApp, 'POST', '/api/webhooks', body)).status).toBe(401);
    expect((await call(ownApp, 'GET', '/api/webhooks')).status).toBe(401);
    expect((await call(ownApp, 'POST', '/api/webhooks', body, { authorization: `Bearer ${writer}` })).status).toBe(403);
    expect((await call(ownApp, 'GET', '/api/webhooks', undefined, { authorization: `Bearer ${writer}` })).status).toBe(403);
    const created = await call(ownApp, 'POST', '/api/webhooks', body, { authorization: `Bearer ${admin}` });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    const listed = await call(ownApp, 'GET', '/api/webhooks', undefined, { authorization: `Bearer ${admin}` });
    expect(listed.body.items.map((w: any) => w.id)).toEqual([created.body.id]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
  });
});

describe('delivery', () => {
  it('delivers each subscribed event once, signed as Standard Webhooks says (verified by the same library)', async () => {
    const hook = await addHook({ url: `${rx.url}/signed`, events: ['claim.created', 'forecast.recorded', 'claim.resolved', 'claim.reopened'] });
    const d = dispatcher();
    const src = await source(app);
    const id = await prediction(app, { title: 'Signed delivery' });
    await post(app, `/api/claims/${id}/forecasts`, { sourceId: src, probability: 0.7 });
    await post(app, `/api/claims/${id}/stances`, { sourceId: src, stance: 'asserts', date: '2024' }); // not subscribed
    await post(app, `/api/claims/${id}/resolution`, { outcome: 'confirmed', knownOn: new Date().toISOString() });
    await post(app, `/api/claims/${id}/reopen`, { reason: 'wrong call' });
    d.kick();
    const got = await until('four deliveries', () => forHook('/signed').length >= 4 && forHook('/signed'));
    const verifier = new Webhook(hook.secret);
    // Verified one by one, then put in ledger order (deliveries go out concurrently).
    const messages = got.map((r) => verifier.verify(r.body, r.headers as Record<string, string>) as any).sort((a, b) => a.data.seq - b.data.seq);
    expect(messages.map((m) => m.type)).toEqual(['claim.created', 'forecast.recorded', 'claim.resolved', 'claim.reopened']);
    expect(messages.every((m) => m.data.claimId === id && m.data.title === 'Signed delivery')).toBe(true);
    expect(messages[1].data).toMatchObject({ sourceId: src, probability: 0.7 });
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(4);
    // A tampered body does not verify.
    expect(() => verifier.verify(got[0]!.body.replace('claim.created', 'claim.resolved'), got[0]!.headers as Record<string, string>)).toThrow();
    const log = await until('all delivered', async () => {
      const items = await deliveries(hook.id);
      return items.length === 4 && items.every((x) => x.status === 'delivered') && items;
    });
    expect(log.every((x) => x.attempts.length === 1 && x.attempts[0].statusCode === 200)).toBe(true);
    await d.stop();
    await call(app, 'DELETE', `/api/webhooks/${hook.id}`);
  });

  it('delivers events written by the bulk path (an import) too, each once', async () => {
    const hook = await addHook({ url: `${rx.url}/bulk`, events: ['claim.created', 'forecast.recorded'] });
    const src = await source(app);
    const id = `bulk-${Date.now()}`;
    await ledger.appendAll([
      { type: 'claim.create', input: { id, kind: 'prediction', title: 'Imported', statement: 'S', resolutionCriteria: 'C', tags: [], deadline: '2031-01-01' } },
      { type: 'forecast.record', claimId: id, input: { sourceId: src, probability: 0.2 } },
      { type: 'forecast.record', claimId: id, input: { sourceId: src, probability: 0.3 } },
    ]);
    const d = dispatcher();
    const got = await until('three deliveries', () => forHook('/bulk').length >= 3 && forHook('/bulk'));
    // Sent concurrently, so they may arrive in any order: by sequence number they are the import's events.
    const bodies = got.map((r) => JSON.parse(r.body)).sort((a, b) => a.data.seq - b.data.seq);
    expect(bodies.map((b) => [b.type, b.data.probability])).toEqual([['claim.created', undefined], ['forecast.recorded', 0.2], ['forecast.recorded', 0.3]]);
    expect(new Set(bodies.map((b) => b.data.seq)).size).toBe(3);
    await d.stop();
    await call(app, 'DELETE', `/api/webhooks/${hook.id}`);
  });

  it('retries a receiver that fails and then times out, with the same webhook-id, until it recovers; the log has every attempt', async () => {
    const hook = await addHook({ url: `${rx.url}/flaky`, events: ['claim.created'] });
    rx.script.push('fail', 'hang');
    const d = dispatcher();
    const before = forHook('/flaky').length;
    const res = await call(app, 'POST', '/api/claims', { kind: 'allegation', title: 'Flaky receiver', statement: 'S', resolutionCriteria: 'C' });
    expect(res.status).toBe(201); // the write never waits for or fails with the delivery
    d.kick();
    const [delivery] = await until('delivered after retries', async () => {
      const items = await deliveries(hook.id);
      return items[0]?.status === 'delivered' && items;
    });
    expect(delivery.attempts.map((a: any) => [a.attempt, a.statusCode])).toEqual([
      [1, 500],
      [2, null],
      [3, 200],
    ]);
    expect(delivery.attempts[1].error).toMatch(/no answer within 400 ms/);
    const tries = forHook('/flaky').slice(before);
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((r) => r.headers['webhook-id']))).toEqual(new Set([delivery.id]));
    for (const t of tries) expect(new Webhook(hook.secret).verify(t.body, t.headers as Record<string, string>)).toMatchObject({ type: 'claim.created' });
    await d.stop();
    await call(app, 'DELETE', `/api/webhooks/${hook.id}`);
  });

  it('gives up after the last retry and marks the delivery failed', async () => {
    const hook = await addHook({ url: `${rx.url}/down`, events: ['claim.created'] });
    rx.script.push('fail', 'fail', 'fail', 'fail');
    const d = dispatcher();
    await call(app, 'POST', '/api/claims', { kind: 'allegation', title: 'Receiver down', statement: 'S', resolutionCriteria: 'C' });
    d.kick();
    const [delivery] = await until('failed', async () => {
      const items = await deliveries(hook.id);
      return items[0]?.status === 'failed' && items;
    });
    expect(delivery.attempts.map((a: any) => a.statusCode)).toEqual([500, 500, 500, 500]);
    await d.stop();
    await call(app, 'DELETE', `/api/webhooks/${hook.id}`);
  });

  it('resumes after a restart: events recorded while stopped and a delivery mid-retry each arrive exactly once', async () => {
    const hook = await addHook({ url: `${rx.url}/restart`, events: ['claim.created'] });
    const first = dispatcher({ ...fast, retryDelaysMs: [3_000] });
    rx.script.push('fail');
    await call(app, 'POST', '/api/claims', { kind: 'allegation', title: 'Before the restart', statement: 'S', resolutionCriteria: 'C' });
    first.kick();
    await until('first attempt failed', async () => (await deliveries(hook.id))[0]?.attempts.length === 1);
    await first.stop();
    for (const n of [1, 2, 3]) await call(app, 'POST', '/api/claims', { kind: 'allegation', title: `While stopped ${n}`, statement: 'S', resolutionCriteria: 'C' });
    expect((await deliveries(hook.id)).length).toBe(1); // not enqueued while no dispatcher runs
    // Two dispatchers at once after the restart (two server processes): still once each.
    dispatcher({ ...fast, retryDelaysMs: [50] });
    dispatcher({ ...fast, retryDelaysMs: [50] });
    const items = await until('four delivered', async () => {
      const all = await deliveries(hook.id);
      return all.length === 4 && all.every((x) => x.status === 'delivered') && all;
    });
    const ok = forHook('/restart').filter((r) => r.body && JSON.parse(r.body).type === 'claim.created');
    const titles = ok.map((r) => JSON.parse(r.body).data.title);
    expect(new Set(titles)).toEqual(new Set(['Before the restart', 'While stopped 1', 'While stopped 2', 'While stopped 3']));
    expect(items.find((x) => x.message.data.title === 'Before the restart').attempts.map((a: any) => a.statusCode)).toEqual([500, 200]);
    for (const d of dispatchers) await d.stop();
    await call(app, 'DELETE', `/api/webhooks/${hook.id}`);
  });

  it('fires claim.due once when an open claim’s deadline passes, and shapes Slack and Discord bodies', async () => {
    const slack = await addHook({ url: `${rx.url}/slack`, events: ['claim.due'], format: 'slack' });
    const discord = await addHook({ url: `${rx.url}/discord`, events: ['claim.due'], format: 'discord' });
    const soon = new Date(Date.now() + 800).toISOString();
    const id = await prediction(app, { title: 'Due in a moment', deadline: soon });
    await prediction(app, { title: 'Not due for years', deadline: '2099-01-01' });
    const d = dispatcher();
    await until('slack and discord', () => forHook('/slack').length >= 1 && forHook('/discord').length >= 1);
    // Several more passes: still one delivery each.
    for (let i = 0; i < 5; i++) {
      d.kick();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(forHook('/slack').map((r) => JSON.parse(r.body))).toEqual([{ text: expect.stringMatching(/^Due .* and still open: “Due in a moment” needs resolution$/) }]);
    expect(forHook('/discord').map((r) => JSON.parse(r.body))).toEqual([{ content: expect.stringContaining('“Due in a moment”') }]);
    const [log] = await deliveries(slack.id);
    expect(log.message).toMatchObject({ type: 'claim.due', data: { claimId: id, dueAt: soon } });
    await d.stop();
    for (const h of [slack, discord]) expect((await call(app, 'DELETE', `/api/webhooks/${h.id}`)).status).toBe(204);
    expect((await call(app, 'GET', `/api/webhooks/${slack.id}`)).status).toBe(404);
  });

  it('checks the address again at delivery time: a dispatcher without RECKON_WEBHOOK_ALLOW_PRIVATE sends nothing to loopback', async () => {
    const literal = await addHook({ url: `${rx.url}/ssrf`, events: ['claim.created'] });
    const named = await addHook({ url: `${rx.url.replace('127.0.0.1', 'localhost')}/ssrf`, events: ['claim.created'] });
    const d = dispatcher({ ...fast, allowPrivate: false, retryDelaysMs: [] });
    await call(app, 'POST', '/api/claims', { kind: 'allegation', title: 'Rebound', statement: 'S', resolutionCriteria: 'C' });
    d.kick();
    for (const hook of [literal, named]) {
      const [delivery] = await until('refused', async () => {
        const items = await deliveries(hook.id);
        return items[0]?.status === 'failed' && items;
      });
      expect(delivery.attempts[0].error).toMatch(/loopback, private or reserved/);
    }
    expect(forHook('/ssrf')).toEqual([]);
    await d.stop();
  });
});
