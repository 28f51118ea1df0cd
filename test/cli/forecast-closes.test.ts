/**
 * `reckon forecast` and `reckon import` refuse forecasts made once forecasting had closed
 * (issue 13 item 1): at or after the deadline (a date-only deadline is the start of that day,
 * UTC), as after the resolution. Through child processes on one temp database.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectFailure, inProcess, tempHome, uid } from './helpers.js';

const home = tempHome();

/** A source and a prediction with this deadline, recorded in this process. */
async function setup(deadline: string) {
  const source = uid('src');
  const claim = uid('pred');
  await inProcess(home, async ({ ledger }) => {
    await ledger.append({ type: 'source.register', input: { id: source, name: `Source ${source}`, type: 'forecaster' } });
    await ledger.append({ type: 'claim.create', input: { id: claim, kind: 'prediction', title: `Claim ${claim}`, statement: 'S', resolutionCriteria: 'C', tags: [], deadline } });
  });
  return { source, claim };
}

describe.concurrent('forecasting closes at the deadline (CLI)', { timeout: 180_000 }, () => {
  it('reckon forecast after a date-only deadline is refused (409 forecasting-closed) and records nothing', async () => {
    const { source, claim } = await setup('2021-01-01');
    const before = await home.events();
    const now = await home.reckon('forecast', claim, '--source', source, '-p', '0.99');
    expectFailure(now, /forecasting closed at the deadline \(2021-01-01\)/, /madeAt/);
    const json = await home.reckon('forecast', claim, '--source', source, '-p', '0.99', '--made-at', '2021-01-01T00:00:00Z', '--json');
    expectFailure(json);
    expect(JSON.parse(json.stderr)).toMatchObject({ status: 409, code: 'forecasting-closed', fields: [{ pointer: '/madeAt' }] });
    expect(await home.events()).toBe(before);
    // The last instant before the deadline is still open.
    const ok = await home.json('forecast', claim, '--source', source, '-p', '0.4', '--made-at', '2020-12-31T23:59:59Z');
    expect(ok).toMatchObject({ probability: 0.4, madeAt: '2020-12-31T23:59:59.000Z' });
  });

  it('reckon import of a CSV holding a forecast made after its deadline imports nothing and names the line', async () => {
    const file = join(home.dir, `${uid('late')}.csv`);
    writeFileSync(file, [
      'question,kind,criteria,deadline,source,probability,made at,outcome,resolved on',
      `Will ${uid('a')} happen?,prediction,Yes if it does.,2030-01-01,Fay,0.3,2025-01-01,,`,
      `Will ${uid('b')} happen?,prediction,Yes if it does.,2024-01-01,Fay,0.8,2024-01-01,,`,
    ].join('\n'));
    const before = await home.events();
    const r = await home.reckon('import', file);
    expectFailure(r, /line 3/, /forecasting closed at the deadline/);
    expect(await home.events()).toBe(before);
  });
});
