/**
 * The Hrana test server (test/helpers/hrana-server.ts) as a process of its own, for
 * bench/remote.ts: a stand-in libSQL server on a database file, with an added round trip.
 * Usage: tsx bench/hrana-process.ts PATH LATENCY_MS — prints its URL; counters at GET /stats.
 */
import { startHranaServer } from '../test/helpers/hrana-server.js';

const [path, latency] = process.argv.slice(2);
if (!path) throw new Error('usage: tsx bench/hrana-process.ts PATH [LATENCY_MS]');
const server = await startHranaServer({ path, latencyMs: Number(latency ?? 0), idleMs: 30_000 });
console.log(server.url);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
