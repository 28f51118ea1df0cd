/**
 * `reckon leaderboard` and `reckon score --peer` (with --source, --csv) through the real CLI
 * in a child process, against the API's answers on the same database file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectFailure, inProcess, tempHome } from './helpers.js';

const home = tempHome();
const S = (p: number) => 100 * Math.log2(2 * p);
let api: { leaderboard: unknown; baseline: unknown; source: unknown };

beforeAll(async () => {
  api = await inProcess(home, async ({ ledger, app }) => {
    for (const id of ['ann', 'bob']) await ledger.append({ type: 'source.register', input: { id, name: id.toUpperCase(), type: 'forecaster' } });
    await ledger.append({ type: 'claim.create', input: { id: 'q1', kind: 'prediction', title: 'Q1', statement: 'S', resolutionCriteria: 'C', tags: ['t'], openedAt: '2024-01-01T00:00:00Z', deadline: '2024-01-11T00:00:00Z' } });
    await ledger.append({ type: 'forecast.record', claimId: 'q1', input: { sourceId: 'ann', probability: 0.8, madeAt: '2024-01-01T00:00:00Z' } });
    await ledger.append({ type: 'forecast.record', claimId: 'q1', input: { sourceId: 'bob', probability: 0.4, madeAt: '2024-01-06T00:00:00Z' } });
    await ledger.append({ type: 'claim.resolve', claimId: 'q1', input: { outcome: 'confirmed', knownOn: '2024-01-11' } });
    const get = async (p: string) => (await app.request(p)).json();
    return { leaderboard: await get('/api/leaderboard'), baseline: await get('/api/leaderboard?score=baseline&order=mean'), source: await get('/api/sources/ann/scores') };
  });
});

describe('Metaculus scores on the command line', { timeout: 120_000 }, () => {
  it('reckon leaderboard --json answers as GET /api/leaderboard; the table ranks ann above bob', async () => {
    expect(await home.json('leaderboard')).toEqual(api.leaderboard);
    expect(await home.json('leaderboard', '--score', 'baseline', '--order', 'mean')).toEqual(api.baseline);
    const table = await home.reckon('leaderboard');
    expect(table.code).toBe(0);
    const rows = table.stdout.split('\n').filter((l) => /^\s+\d+\s/.test(l));
    expect(rows.map((l) => l.trim().split(/\s+/).slice(0, 3))).toEqual([['1', 'ann', '1'], ['2', 'bob', '1']]);
    expect(table.stdout).toContain('peer:');
  });

  it('reckon score --peer --source gives the sums, --csv every row', async () => {
    expect(await home.json('score', '--peer', '--source', 'ann')).toEqual(api.source);
    const csv = await home.reckon('score', '--peer', '--csv');
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('claimId,sourceId,knownOn,baseline,peer,coverage');
    expect(lines).toHaveLength(3);
    const ann = lines[1]!.split(',');
    expect(ann.slice(0, 3)).toEqual(['q1', 'ann', '2024-01-11T00:00:00.000Z']);
    expect(Number(ann[3])).toBeCloseTo(S(0.8), 9);
    expect(Number(ann[5])).toBe(1);
  });

  it('refuses a bad --score or --from naming the field', async () => {
    expectFailure(await home.reckon('leaderboard', '--score', 'best', '--json'), '/score');
    expectFailure(await home.reckon('leaderboard', '--from', '2024-02-30', '--json'), '/from');
  });
});
