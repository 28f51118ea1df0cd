import { freshBenchLedger } from './lib.js';
const { db } = await freshBenchLedger('prof3');
const tx = await db.client.transaction('write');
const n = 50000;
const mk = (i: number) => [i + 1, 'forecast.recorded', 'c1', new Date().toISOString(), null, '{"a":1}', 'p' + i.toString(16).padStart(63, '0'), 'h' + i.toString(16).padStart(63, '0')];
let t = performance.now();
for (let i = 0; i < n; i += 3000) {
  const rows = Array.from({ length: Math.min(3000, n - i) }, (_, k) => mk(i + k));
  await tx.execute({ sql: 'INSERT INTO events VALUES ' + rows.map(() => '(?,?,?,?,?,?,?,?)').join(','), args: rows.flat() as any });
}
console.log('events rows/s', Math.round(n / ((performance.now() - t) / 1000)));
await tx.rollback();
