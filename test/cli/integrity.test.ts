/**
 * verify, rebuild, backup, checkpoint and `verify --expect`, through child processes. The
 * damage is done directly in the SQLite file, after dropping the trigger that would refuse it,
 * as someone with the file (not the app) could.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { homeAt, seedDemo, tempHome } from './helpers.js';

describe.concurrent('ledger integrity commands', { timeout: 180_000 }, () => {
  it('verify is ok (exit 0); after a row is rewritten in the file it exits 1 naming the event', async () => {
    const home = tempHome();
    await seedDemo(home);
    const ok = await home.reckon('verify');
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^chain ok: 56 events, head [0-9a-f]{64}\nprojections match the ledger\n$/);

    await home.sqlite(async (c) => {
      await c.execute('DROP TRIGGER events_no_update');
      const rs = await c.execute(`UPDATE events SET payload = replace(payload, 'KCNA', 'Pyongyang') WHERE seq = 4`);
      expect(rs.rowsAffected).toBe(1);
    });
    const broken = await home.reckon('verify');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('chain BROKEN at event 4: hash does not match the event’s content (3 events verified before it)\nprojections not checked (the chain does not verify)\n');
    // --json does not report the projections of a broken chain as checked (nor as matching).
    const json = await home.reckon('verify', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstBadSeq: 4, projections: { checked: false, ok: null, mismatched: [] } });
  });

  it('rebuild restores projections that drifted from the ledger', async () => {
    const home = tempHome();
    await seedDemo(home);
    await home.sqlite((c) => c.execute(`UPDATE claims SET status = 'refuted' WHERE id = 'nk-wagner-delivery'`));
    const drifted = await home.reckon('verify');
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toMatch(/\nprojections differ from the ledger: .*claims.* \(run reckon rebuild\)\n$/);
    const rebuilt = await home.json('rebuild');
    expect(rebuilt).toEqual({ events: 56 });
    const after = await home.reckon('verify');
    expect(after.code, after.stdout).toBe(0);
    const status = await home.sqlite(async (c) => (await c.execute(`SELECT status FROM claims WHERE id = 'nk-wagner-delivery'`)).rows[0]?.status);
    expect(status).toBe('open');
  });

  it('backup writes a copy that opens and verifies with the same head', async () => {
    const home = tempHome();
    await seedDemo(home);
    const file = join(home.dir, 'backup-copy.db');
    const [original, backup] = await Promise.all([home.json('verify'), home.json('backup', file)]);
    expect(backup).toEqual({ file });
    const copy = homeAt(home.dir, file);
    const copied = await copy.json('verify');
    expect(copied).toEqual(original);
    expect(copied).toMatchObject({ ok: true, events: 56 });
    expect(await copy.events()).toBe(56);
  });

  it('checkpoint signs the head; verify --expect holds, then catches the ledger cut short', async () => {
    const home = tempHome();
    await seedDemo(home);
    const cp = await home.reckon('checkpoint');
    expect(cp.code, cp.stderr).toBe(0);
    const checkpoint = JSON.parse(cp.stdout);
    const head = await home.sqlite(async (c) => (await c.execute('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1')).rows[0]);
    expect(checkpoint).toMatchObject({ seq: 56, hash: head?.hash, algorithm: 'Ed25519', signature: expect.any(String), at: expect.any(String) });
    const file = join(home.dir, 'checkpoint.json');
    writeFileSync(file, cp.stdout);

    const holds = await home.reckon('verify', '--expect', file);
    expect(holds.code, holds.stdout).toBe(0);
    expect(holds.stdout).toContain(`checkpoint holds: event 56 has hash ${checkpoint.hash}\n`);

    // Cut the last three events off, as someone with the file could.
    await home.sqlite(async (c) => {
      await c.execute('DROP TRIGGER events_no_delete');
      expect((await c.execute('DELETE FROM events WHERE seq > 53')).rowsAffected).toBe(3);
    });
    const [chainOnly, expected] = await Promise.all([home.reckon('verify', '--no-projections'), home.reckon('verify', '--no-projections', '--expect', file)]);
    // The chain alone cannot see it …
    expect(chainOnly.code).toBe(0);
    expect(chainOnly.stdout).toMatch(/^chain ok: 53 events/);
    // … the checkpoint does.
    expect(expected.code).toBe(1);
    expect(expected.stdout).toBe(`chain ok: 53 events, head ${await home.sqlite(async (c) => (await c.execute('SELECT hash FROM events WHERE seq = 53')).rows[0]?.hash)}\ncheckpoint FAILS: the ledger no longer reaches sequence number 56 (cut short?)\n`);
  });

});
