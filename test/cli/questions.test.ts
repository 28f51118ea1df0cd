/**
 * Issue 17 on the command line, through the real CLI in child processes: `reckon new` makes a
 * multiple-choice and a numeric question, `reckon forecast` takes probabilities listed or per
 * option and a CDF from quartiles (Metaculus's slider form, the web form's own code) or a file,
 * `reckon resolve --value`, and `reckon score` shows the new scores as the API answers them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { slidersForQuartiles } from '../../web/js/cdf/fit.js';
import { expectFailure, inProcess, tempHome } from './helpers.js';

const home = tempHome();
const base = ['--kind', 'prediction', '--statement', 'S', '--criteria', 'C', '--deadline', '2031-01-01'];
const api = (path: string) => inProcess(home, async ({ app }) => (await app.request(path)).json());

beforeAll(async () => {
  await inProcess(home, async ({ ledger }) => {
    for (const id of ['ann', 'bob']) await ledger.append({ type: 'source.register', input: { id, name: id, type: 'forecaster' } });
  });
});

describe('multiple-choice and numeric questions on the command line', { timeout: 240_000 }, () => {
  it('new, forecast (listed, per option, quartiles, a CDF file), resolve --value, score', async () => {
    const mc = await home.json('new', ...base, '--id', 'mcq', '--title', 'Which?', '--type', 'multiple-choice', '--option', 'low', '--option', 'mid', '--option', 'high', '--ordered');
    expect(mc).toMatchObject({ id: 'mcq', questionType: 'multiple-choice', options: ['low', 'mid', 'high'], ordered: true });
    const num = await home.json('log', ...base, '--id', 'numq', '--title', 'How many?', '--type', 'numeric', '--min', '0', '--max', '200', '--open-upper');
    expect(num).toMatchObject({ questionType: 'numeric', range: { min: 0, max: 200, openLower: false, openUpper: true, scale: 'linear' } });
    expectFailure(await home.reckon('new', ...base, '--id', 'bad', '--title', 'Bad', '--type', 'multiple-choice', '--option', 'only'), /options: /);

    expect((await home.json('forecast', 'mcq', '--source', 'ann', '--probabilities', '50%,30%,20%')).probabilities).toEqual([0.5, 0.3, 0.2]);
    expect((await home.json('forecast', 'mcq', '--source', 'bob', '--option-probability', 'high=50%', '--option-probability', 'low=0.2', '--option-probability', 'mid=30%')).probabilities).toEqual([0.2, 0.3, 0.5]);
    expectFailure(await home.reckon('forecast', 'mcq', '--source', 'ann', '--probabilities', '50%,50%'), /probabilities: /);
    expectFailure(await home.reckon('forecast', 'mcq', '--source', 'ann', '--option-probability', 'low=50%'), /probabilities: .*mid/);

    // Quartiles 50, 100, 150 of 0–200: the CDF Metaculus's form makes for them (web/js/cdf, as the web form).
    const fitted = await home.json('forecast', 'numq', '--source', 'ann', '--quartiles', '50,100,150');
    const want = slidersForQuartiles({ lower25: 0.25, median: 0.5, upper75: 0.75 }, { openLower: false, openUpper: true }).cdf;
    expect(fitted.cdf).toHaveLength(201);
    fitted.cdf.forEach((v: number, i: number) => expect(v).toBeCloseTo(want[i]!, 9));
    const file = join(home.dir, 'cdf.txt');
    writeFileSync(file, Array.from({ length: 201 }, (_, i) => (0.9 * i) / 200).join('\n'));
    expect((await home.json('forecast', 'numq', '--source', 'bob', '--cdf-file', file)).cdf[200]).toBe(0.9);
    expectFailure(await home.reckon('forecast', 'numq', '--source', 'bob', '-p', '50%'), /probability: /);

    expect(await home.json('resolve', 'mcq', '--value', 'high', '--yes')).toMatchObject({ outcome: 'resolved', value: 'high' });
    expect(await home.json('resolve', 'numq', '--value', '75', '--yes')).toMatchObject({ outcome: 'resolved', value: 75 });
    expectFailure(await home.reckon('resolve', 'numq', '--value', 'lots', '--yes'), /value: /);

    expect(await home.json('score', '--claim', 'mcq')).toEqual(await api('/api/claims/mcq/scores'));
    const table = await home.reckon('score', '--claim', 'mcq');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/source\s+brier\s+logScore\s+rps\s+baseline\s+peer\s+coverage/);
    expect(table.stdout).toMatch(/^ann\s+0\.9800\s+-1\.6094\s+0\.4450/m);
    expect(await home.json('score', '--claim', 'numq')).toEqual(await api('/api/claims/numq/scores'));

    expect(await home.json('score', '--question-type', 'multiple-choice')).toEqual(await api('/api/calibration?questionType=multiple-choice'));
    const pits = await home.reckon('score', '--question-type', 'numeric');
    expect(pits.stdout).toContain('PITs 2');
    expect(await home.json('score', '--question-type', 'numeric')).toEqual(await api('/api/calibration?questionType=numeric'));
    const shown = await home.reckon('show', 'mcq');
    expect(shown.stdout).toContain('Options (ordered): low | mid | high');
    expect(shown.stdout).toMatch(/resolved with "high"/);
  });
});
