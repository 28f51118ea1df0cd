/** `reckon q`: one line logged as a prediction with its deadline, criteria to review and the source's forecast. */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectFailure, inProcess, tempHome } from './helpers.js';

const home = tempHome();

beforeAll(async () => {
  await inProcess(home, async ({ ledger }) => {
    await ledger.append({ type: 'source.register', input: { id: 'alice', name: 'Alice', type: 'forecaster' } });
  });
});

describe('reckon q', { timeout: 120_000 }, () => {
  it('logs the claim with the deadline read from the text, criteria tagged for review, and the forecast as --source', async () => {
    const logged = await home.json('q', 'Will the ceasefire hold until 2027-06-30? 70%', '--source', 'alice', '--tag', 'ukraine');
    expect(logged).toMatchObject({ kind: 'prediction', title: 'Will the ceasefire hold until 2027-06-30?', statement: 'Will the ceasefire hold until 2027-06-30?', deadline: '2027-06-30', tags: ['review-criteria', 'ukraine'] });
    expect(logged.resolutionCriteria).toContain('2027-06-30');
    expect(logged.forecasts).toEqual([expect.objectContaining({ sourceId: 'alice', probability: 0.7 })]);
    const odds = await home.json('q', 'Will the bridge open by end of June 2030? 7:3', '--source', 'alice');
    expect(odds).toMatchObject({ deadline: '2030-06-30', forecasts: [expect.objectContaining({ probability: 0.7 })] });
  });

  it('records nothing and names the field when the line lacks a date or a probability, or the source is unknown', async () => {
    const before = await home.events();
    const noDate = await home.reckon('q', 'Will it happen? 70%', '--source', 'alice', '--json');
    expectFailure(noDate);
    expect(JSON.parse(noDate.stderr).fields).toEqual([{ pointer: '/deadline', message: expect.stringContaining('No date found') }]);
    const badP = await home.reckon('q', 'Will it happen by 2030? 150%', '--source', 'alice');
    expectFailure(badP);
    expect(badP.stderr).toMatch(/probability: Probability must be between 1 % and 99 % \(you typed 150 %\)/);
    const nobody = await home.reckon('q', 'Will it happen by 2030? 60%', '--source', 'nobody', '--json');
    expectFailure(nobody);
    expect(JSON.parse(nobody.stderr).fields).toEqual([{ pointer: '/sourceId', message: 'no such source' }]);
    // A probability the instance's bounds refuse, said in the unit typed: neither the claim nor the forecast is recorded.
    const tiny = await home.reckon('q', 'Will it happen by 2030? 0.5%', '--source', 'alice', '--json');
    expectFailure(tiny);
    expect(JSON.parse(tiny.stderr).fields).toEqual([{ pointer: '/probability', message: 'Probability must be between 1 % and 99 % (you typed 0.5 %). Did you mean 50 %?' }]);
    expect(await home.events()).toBe(before);
  });
});
