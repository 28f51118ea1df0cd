import { freshBenchLedger, generate } from './lib.js';
const { ledger } = await freshBenchLedger('prof');
let t = performance.now();
const cmds = [...generate({ claims: 5000, forecastsPerClaim: 10, sources: 50, resolvedShare: 1 })];
console.log('gen', performance.now() - t);
t = performance.now();
await ledger.appendAll(cmds);
console.log('append', performance.now() - t, cmds.length);
