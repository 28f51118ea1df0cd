/**
 * Writes the demo's two questions that are not yes/no (issue 17) into
 * demo/north-korea-russia.json, replacing earlier copies of them: a numeric question on North
 * Korean troops in Kursk and an ordered multiple-choice one on when the deployment was first
 * acknowledged. Grounded in the seed case (/work/shared/seed-cases/north-korea-russia.json):
 * South Korea's NIS said about 12,000 troops were planned (2024-10-18), the US said it had
 * evidence of troops in Russia (2024-10-23), and Russia and North Korea acknowledged in April
 * 2025 that they fought in Kursk. The forecasts are illustrative analysts' quartiles, turned
 * into CDFs by the web form's own Metaculus slider maths (web/js/cdf).
 * Run: node scripts/demo-questions.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { slidersForQuartiles } from '../web/js/cdf/fit.js';
import { toLocation } from '../web/js/cdf/scale.js';

const FILE = new URL('../demo/north-korea-russia.json', import.meta.url);
const ILLUSTRATIVE = 'Illustrative: not a real forecaster’s record.';

const range = { min: 100, max: 100000, openLower: true, openUpper: true, scale: 'log' };
const cdfFor = (q1, q2, q3) =>
  slidersForQuartiles({ lower25: toLocation(q1, range), median: toLocation(q2, range), upper75: toLocation(q3, range) }, range).cdf;
const troops = (sourceId, madeAt, [q1, q2, q3], note) => ({ sourceId, madeAt, cdf: cdfFor(q1, q2, q3), note: `${note} Quartiles asked: ${q1}, ${q2}, ${q3}. ${ILLUSTRATIVE}` });

const kursk = {
  id: 'nk-troops-kursk-2024',
  kind: 'prediction',
  questionType: 'numeric',
  range,
  title: "How many North Korean troops were in Russia's Kursk region by end of 2024?",
  statement: "The number of North Korean military personnel deployed in Russia's Kursk region on 31 December 2024.",
  resolutionCriteria: 'Resolves to the public estimate of US or South Korean officials, published by 30 April 2025, of North Korean troops in the Kursk region at the end of 2024; below the range if fewer than 100, above it if more than 100,000.',
  tags: ['north-korea', 'troops', 'kursk'],
  openedAt: '2024-10-20T00:00:00Z',
  deadline: '2024-12-31',
  forecasts: [
    troops('analyst-a', '2024-10-20T09:00:00Z', [1500, 4000, 10000], 'NIS: about 1,500 sent so far, 12,000 planned.'),
    troops('analyst-b', '2024-10-25T09:00:00Z', [4000, 8000, 12000], 'The US now says it has evidence of troops in Russia.'),
    troops('analyst-a', '2024-11-10T09:00:00Z', [8000, 10000, 12000], 'Officials say most of the troops have moved to Kursk.'),
    troops('analyst-b', '2024-12-05T09:00:00Z', [9500, 11000, 12500], 'Reports of North Korean units in combat in Kursk.'),
  ],
  resolution: {
    value: 11000,
    knownOn: '2025-01-15',
    note: 'Illustrative resolution: US and South Korean officials put the number of North Korean troops in Kursk at about 11,000 around the turn of 2024–25, against the 12,000 South Korea’s NIS said were planned in total; Russia and North Korea acknowledged in April 2025 that they had fought there.',
  },
};

const OPTIONS = ['Before 2025', 'January–March 2025', 'April–June 2025', 'Later, or not before 2026'];
const when = (sourceId, madeAt, probabilities) => ({ sourceId, madeAt, probabilities, note: ILLUSTRATIVE });
const acknowledged = {
  id: 'nk-troops-acknowledged',
  kind: 'prediction',
  questionType: 'multiple-choice',
  options: OPTIONS,
  ordered: true,
  title: 'When will Russia or North Korea first acknowledge North Korean troops fighting for Russia?',
  statement: 'The first public acknowledgement, by the government of Russia or of North Korea, that North Korean troops fought for Russia falls in one of these periods.',
  resolutionCriteria: 'Resolves to the period in which an official statement of either government (or state media speaking for it) first says North Korean troops fought for Russia; the last option if none does before 1 January 2026.',
  tags: ['north-korea', 'troops'],
  openedAt: '2024-11-01T00:00:00Z',
  deadline: '2025-12-31',
  forecasts: [
    when('analyst-a', '2024-11-05T09:00:00Z', [0.1, 0.2, 0.2, 0.5]),
    when('analyst-b', '2024-12-10T09:00:00Z', [0.05, 0.15, 0.25, 0.55]),
    when('analyst-a', '2025-02-01T09:00:00Z', [0.02, 0.18, 0.3, 0.5]),
    when('analyst-b', '2025-03-20T09:00:00Z', [0.02, 0.08, 0.45, 0.45]),
  ],
  resolution: { value: 'April–June 2025', knownOn: '2025-04-28', note: 'Russia and North Korea publicly acknowledged in late April 2025 that North Korean troops fought in the Kursk region (seed case: nk-troops-to-russia).' },
};

// The file is written by hand: splice the two claims in as text so its layout stays as it is.
const text = readFileSync(FILE, 'utf8');
const bundle = JSON.parse(text);
const ids = [kursk.id, acknowledged.id];
if (bundle.claims.some((c) => ids.includes(c.id))) throw new Error(`the demo already holds ${ids.join(' or ')}: take them out first`);
const compact = (claim) => JSON.stringify(claim, null, 2).replace(/\[\s*([-\d.e,\s]+?)\s*\]/g, (_, inner) => `[${inner.split(/\s*,\s*/).join(', ')}]`).replace(/^/gm, '    ').trimStart();
const end = text.lastIndexOf(']');
writeFileSync(FILE, `${text.slice(0, end).trimEnd()},\n    ${compact(kursk)},\n    ${compact(acknowledged)}\n  ${text.slice(end)}`);
console.log(`wrote ${ids.join(', ')} to ${FILE.pathname}`);
