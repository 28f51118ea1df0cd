import { freshBenchLedger } from './lib.js';
import { streamReckonCsv } from '../src/interop/index.js';
import { claimCommands } from '../src/import/bundle.js';
import { createReadStream } from 'node:fs';
import { buildEvent } from '../src/ledger/commands.js';
import { TxView, readHead } from '../src/ledger/view.js';
import { projectEvent } from '../src/db/projection.js';
import { writeStatements } from '../src/db/write-ops.js';
import { refreshCounted, claimsTouched } from '../src/db/counted.js';
const f = process.argv[2]!;
const { db } = await freshBenchLedger('t');
const T: Record<string, number> = {};
const tick = (k: string, t0: number) => (T[k] = (T[k] ?? 0) + performance.now() - t0);
let t0 = performance.now();
const cmds: any[] = [];
const seen = new Set();
for await (const { claim, sources } of streamReckonCsv(createReadStream(f))) {
  for (const s of sources) cmds.push({ type: 'source.register', input: s });
  for (const c of claimCommands(claim)) cmds.push(c);
}
tick('parse csv', t0);
const tx = await db.client.transaction('write');
await tx.execute('PRAGMA cache_size = -131072');
const view = new TxView(tx, await readHead(tx));
await view.preloadClaimIds();
let events: any[] = [], ops: any[] = [];
const ctx = { now: Date.now(), minProbability: 0.01, maxProbability: 0.99, newId: (p: string) => p + Math.random() };
for (const cmd of cmds) {
  t0 = performance.now();
  const e = await buildEvent(view, cmd, ctx, null);
  tick('build', t0);
  t0 = performance.now();
  view.apply(e); events.push(e); ops.push(projectEvent(e));
  tick('apply+project', t0);
  if (events.length >= 5000) {
    t0 = performance.now(); const st = writeStatements(events, ops); tick('writeStatements', t0);
    t0 = performance.now(); await tx.batch(st); tick('sql batch', t0);
    t0 = performance.now(); await refreshCounted(tx, claimsTouched(events)); tick('counted', t0);
    events = []; ops = [];
  }
}
await tx.commit();
console.log(cmds.length, Object.entries(T).map(([k, v]) => `${k} ${v.toFixed(0)}ms`).join(' | '));
