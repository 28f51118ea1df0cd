/**
 * Crashes lose nothing: the server is killed with SIGKILL at random moments while a client
 * streams writes and a CSV import runs in another process; after each kill the database is
 * intact, the chain verifies, every acknowledged write is there, and the import is wholly
 * present or wholly absent. RECKON_CRASH_ROUNDS sets the number of kills (default 20).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { verifyChain } from '../../src/ledger/verify.js';
import { freshDb } from '../helpers/db.js';
import { exited, spawnTs, startServerProcess } from '../helpers/processes.js';

const ROUNDS = Number(process.env.RECKON_CRASH_ROUNDS ?? 20);
const IMPORT_CLAIMS = 400;

const base = await freshDb();
const env = { RECKON_DATABASE_URL: `file:${base.path}`, RECKON_SIGNING_KEY_FILE: join(base.dir, 'key.pem'), HOST: '127.0.0.1', RECKON_WRITE_RATE: '0' };
const setup = new Ledger(base);
await setup.append({ type: 'source.register', input: { id: 'crash-src', name: 'Crash tester', type: 'forecaster' } });
const claimId = (await setup.append({ type: 'claim.create', input: { id: 'crash-claim', kind: 'prediction', title: 'T', statement: 'S', resolutionCriteria: 'C', deadline: '2030-01-01', tags: [] } })).claimId as string;
base.close();

// A CSV import big enough to be caught mid-way: IMPORT_CLAIMS claims × 5 forecasts.
const csv = join(base.dir, 'import.csv');
const lines = ['id,question,criteria,deadline,source,probability,made at'];
for (let c = 0; c < IMPORT_CLAIMS; c++) for (let k = 0; k < 5; k++) lines.push(`imp-${c},Imported question ${c}?,Yes if so.,2030-01-01,Importer,0.${k + 2},2024-01-0${k + 1}T00:00:00Z`);
writeFileSync(csv, `${lines.join('\n')}\n`);

/** POST forecasts in `streams` parallel loops until stopped; collect the acknowledged ones. */
function streamWrites(url: string, acked: Map<number, number>, streams = 4) {
  let stop = false;
  const loop = async () => {
    while (!stop) {
      const p = Math.round((0.05 + Math.random() * 0.9) * 100) / 100;
      try {
        const res = await fetch(`${url}/api/claims/${claimId}/forecasts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sourceId: 'crash-src', probability: p }) });
        if (res.status === 201) {
          const body = (await res.json()) as { seq: number; probability: number };
          acked.set(body.seq, body.probability);
        }
      } catch {
        return; // the server is gone
      }
    }
  };
  const loops = Array.from({ length: streams }, loop);
  return { stop: async () => ((stop = true), await Promise.all(loops)) };
}

describe('crashes lose nothing', () => {
  it(`survives ${ROUNDS} SIGKILLs during writes and an import`, async () => {
    const acked = new Map<number, number>();
    let importLanded = false;
    let survived = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // The import starts first (it runs until it lands once); the kill comes at a random moment.
      const importer = importLanded ? null : spawnTs('src/cli/main.ts', ['import', csv], env);
      const { child, url } = await startServerProcess(env);
      const writes = streamWrites(url, acked);
      await new Promise((r) => setTimeout(r, 100 + Math.random() * (round % 4 === 3 ? 4000 : 900)));
      child.kill('SIGKILL');
      importer?.kill('SIGKILL');
      await Promise.all([exited(child), importer ? exited(importer) : null, writes.stop()]);

      const db = await openDatabase({ url: env.RECKON_DATABASE_URL });
      try {
        expect((await db.client.execute('PRAGMA integrity_check')).rows[0]?.integrity_check).toBe('ok');
        expect(await verifyChain(db.client)).toMatchObject({ ok: true });
        const rs = await db.client.execute({ sql: 'SELECT seq, probability FROM forecasts WHERE claim_id = ?', args: [claimId] });
        const stored = new Map(rs.rows.map((r) => [Number(r.seq), Number(r.probability)]));
        for (const [seq, p] of acked) expect(stored.get(seq), `acknowledged forecast ${seq} lost`).toBe(p);
        const imported = Number((await db.client.execute("SELECT count(*) AS n FROM claims WHERE id LIKE 'imp-%'")).rows[0]?.n);
        expect([0, IMPORT_CLAIMS]).toContain(imported);
        if (imported === IMPORT_CLAIMS) importLanded = true;
      } finally {
        db.close();
      }
      survived++;
    }
    console.log(`crash: ${survived} SIGKILLs survived; ${acked.size} acknowledged writes all found; import ${importLanded ? 'landed whole' : 'never finished, and left nothing'}`);
    expect(survived).toBe(ROUNDS);
    expect(acked.size).toBeGreaterThan(0);
  }, 600_000);
});
