import { describe, expect, it } from 'vitest';
import { eventCount } from '../../src/db/queries.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { verifyChain } from '../../src/ledger/verify.js';
import { freshDb, uid } from '../helpers/db.js';
import { exited, spawnTs } from '../helpers/processes.js';

const db = await freshDb();
const ledgerA = new Ledger(db);
const source = uid('src');
await ledgerA.append({ type: 'source.register', input: { id: source, name: source, type: 'forecaster' } });
const claim = (await ledgerA.append({ type: 'claim.create', input: { kind: 'prediction', title: 'T', statement: 'S', resolutionCriteria: 'C', deadline: '2030-01-01', tags: [] } })).claimId as string;
const forecast = (p: number) => ({ type: 'forecast.record' as const, claimId: claim, input: { sourceId: source, probability: p } });

describe('two writers on one database', () => {
  it('two processes appending at once keep one linear chain and lose nothing', async () => {
    const before = await eventCount(db.client);
    const child = spawnTs('test/helpers/append-writer.ts', [claim, source, '150'], { RECKON_DATABASE_URL: `file:${db.path}` });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    const mine: Array<Promise<{ seq: number; hash: string }>> = [];
    const done = exited(child);
    let running = true;
    void done.then(() => (running = false));
    // Keep appending here until the other process has finished its 150.
    while (running || mine.length < 150) {
      mine.push(ledgerA.append(forecast(0.2)));
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(await done, err).toBe(0);
    const theirs = JSON.parse(out) as Array<{ seq: number; hash: string }>;
    const results = [...(await Promise.all(mine)), ...theirs];
    const seqs = results.map((e) => e.seq).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(results.length);
    expect(seqs[0]).toBe(before + 1);
    expect(seqs[seqs.length - 1]).toBe(before + results.length);
    expect(await eventCount(db.client)).toBe(before + results.length);
    expect(await verifyChain(db.client)).toMatchObject({ ok: true, events: before + results.length });
    const stored = await db.client.execute({ sql: 'SELECT seq, hash FROM events WHERE seq > ?', args: [before] });
    const hashes = new Map(stored.rows.map((r) => [Number(r.seq), String(r.hash)]));
    for (const e of results) expect(hashes.get(e.seq)).toBe(e.hash);
  }, 60_000);

  it('another process appending at the same time (the CLI beside the server) never surfaces SQLITE_BUSY', async () => {
    const before = await eventCount(db.client);
    // A second process: 6 `reckon forecast` runs in a row, each its own connection, while this one appends 200.
    const script = `for i in $(seq 1 6); do "${process.execPath}" --import tsx src/cli/main.ts forecast ${claim} --source ${source} -p 0.5 --json >/dev/null || exit 1; done`;
    const { spawn } = await import('node:child_process');
    const cli = spawn('bash', ['-c', script], { cwd: process.cwd(), env: { ...process.env, RECKON_DATABASE_URL: `file:${db.path}` }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    cli.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const mine: Promise<unknown>[] = [];
    const done = exited(cli);
    let running = true;
    void done.then(() => (running = false));
    while (running) {
      mine.push(ledgerA.append(forecast(0.3)));
      await new Promise((r) => setTimeout(r, 5));
    }
    const results = await Promise.all(mine);
    expect(await done).toBe(0);
    expect(stderr).not.toMatch(/BUSY|locked/i);
    expect(await eventCount(db.client)).toBe(before + results.length + 6);
    expect(await verifyChain(db.client)).toMatchObject({ ok: true });
  }, 120_000);
});
