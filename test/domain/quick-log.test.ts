/** Quick log: one line read into a draft prediction (dates by chrono-node, probabilities in three notations). */
import { describe, expect, it } from 'vitest';
import { parseQuickLog } from '../../src/domain/quick-log.js';

const now = new Date('2026-12-07T12:00:00Z');
const read = (line: string) => parseQuickLog(line, now);

describe('parseQuickLog', () => {
  it.each([
    ['Will the ceasefire hold until 2027-06-30? 70%', '2027-06-30', 0.7, 'Will the ceasefire hold until 2027-06-30?'],
    ['Will X happen by end of June 2027? 0.7', '2027-06-30', 0.7, 'Will X happen by end of June 2027?'],
    ['Will Y happen before 2027? 7:3', '2026-12-31', 0.7, 'Will Y happen before 2027?'],
    ['Will Y happen before 2028? 1:3', '2027-12-31', 0.25, 'Will Y happen before 2028?'],
    ['Will Z launch in 3 months? 60%', '2027-03-07', 0.6, 'Will Z launch in 3 months?'],
    ['Will Q ship by June 2027? 35 %', '2027-06-30', 0.35, 'Will Q ship by June 2027?'],
    ['Will Q ship before June 2027? .3', '2027-05-31', 0.3, 'Will Q ship before June 2027?'],
    ['Will it rain before 2027-06-30? 12.5%', '2027-06-29', 0.125, 'Will it rain before 2027-06-30?'],
    ['Inflation above 3% in 2028 65%', '2028-12-31', 0.65, 'Inflation above 3% in 2028'],
    ['Will the 12:30 train run by 2027-01-05? 0.9', '2027-01-05', 0.9, 'Will the 12:30 train run by 2027-01-05?'],
  ])('%s → %s, %s', (line, deadline, probability, title) => {
    const d = read(line);
    expect(d.problems).toEqual([]);
    expect(d.deadline).toBe(deadline);
    expect(d.probability).toBeCloseTo(probability, 12);
    expect(d.title).toBe(title);
    expect(d.statement).toBe(title);
    expect(d.criteriaNeedReview).toBe(true);
    expect(d.resolutionCriteria).toContain(deadline);
    expect(d.resolutionCriteria).toContain(title);
  });

  it('names what is missing or wrong, in the unit typed', () => {
    expect(read('Will it happen?').problems.map((p) => p.pointer)).toEqual(['/deadline', '/probability']);
    expect(read('Will it rain by 2027-06-30? 150%').problems).toEqual([{ pointer: '/probability', message: expect.stringContaining('between 1 % and 99 % (you typed 150 %)') }]);
    expect(read('Will it rain by 2027-06-30? 0:5').problems).toEqual([{ pointer: '/probability', message: expect.stringContaining('7:3 for 70 %') }]);
    expect(read('Will it rain by 2027-06-30? 1').problems).toEqual([{ pointer: '/probability', message: expect.stringContaining('between 0.01 and 0.99') }]);
    // The bounds are the instance's rules, passed in.
    expect(parseQuickLog('Will it rain by 2027-06-30? 97%', now, { minProbability: 0.05, maxProbability: 0.95 }).problems).toEqual([{ pointer: '/probability', message: 'Probability must be between 5 % and 95 % (you typed 97 %).' }]);
    expect(read('Did it rain by 2020-01-01? 50%').problems).toEqual([{ pointer: '/deadline', message: expect.stringContaining('not in the future') }]);
    expect(read('  ').problems.map((p) => p.pointer)).toContain('/text');
  });

  it('leaves numbers inside the question alone when no question mark separates the probability', () => {
    const d = read('GDP grows 3% by 2028');
    expect(d.probability).toBeNull();
    expect(d.deadline).toBe('2028-12-31');
    expect(d.title).toBe('GDP grows 3% by 2028');
  });
});
