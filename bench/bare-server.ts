/**
 * The HTTP ceiling for the benchmarks: a bare Hono app that parses and echoes JSON, answers a
 * fixed small JSON, and (BARE_BODY_FILE) answers that file's bytes as JSON, read once.
 */
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';

const app = new Hono();
app.post('/echo', async (c) => c.json(await c.req.json(), 201));
app.get('/fixed', (c) => c.json({ items: [{ id: 'x', title: 'A fixed answer' }], nextCursor: null }));
const bodyFile = process.env.BARE_BODY_FILE;
if (bodyFile) {
  const body = readFileSync(bodyFile);
  app.get('/body', (c) => c.body(body, 200, { 'Content-Type': 'application/json' }));
}
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
  console.log(`bare handler at http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
