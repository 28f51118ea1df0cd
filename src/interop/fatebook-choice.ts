/**
 * Fatebook's multiple-choice questions (issue 17). The export (Sage-Future/fatebook
 * `lib/web/export.ts`) writes one row per option forecast: `Multiple choice option` names the
 * option, `Resolution` is that option's YES/NO (or the question's AMBIGUOUS). Fatebook lets a
 * forecaster move one option at a time, and an exclusive question keeps the options' sum at most
 * 100 % with an implicit OTHER (components/questions/UpdateableLatestForecast.tsx,
 * MultiChoiceResolutionOptions.tsx). So, per forecaster and in time order, the options'
 * standing forecasts make one Reckon forecast each time all of them are known, with "Other"
 * holding the rest when the sum is below 1 (or the question resolved OTHER: every option NO).
 * A question whose sum ever exceeds 1 is Fatebook's non-exclusive kind — a set of yes/no
 * questions, not one multiple-choice question — and is skipped with a note.
 */
import type { ImportClaim } from '../domain/types.js';
import type { ImportIssue } from './errors.js';
import { markWhere } from './where.js';

/** One option row, read and checked by fatebook.ts. */
export interface ChoiceRow {
  line: number;
  option: string;
  sourceId: string;
  probability: number;
  madeAt: string;
  /** YES, NO, AMBIGUOUS or '' (open), upper-cased. */
  resolution: string;
  resolvedAt: string;
  resolveBy: string;
  notes: string;
  tags: string;
  creator: string;
}

export interface ChoiceDraft {
  title: string;
  createdAt: string;
  line: number;
  field: string;
  rows: ChoiceRow[];
}

const SUM_TOLERANCE = 1e-6;

/**
 * The claim of a multiple-choice question, or a note saying why it was skipped. `base` holds
 * the fields every Fatebook claim has (title, statement, criteria, openedAt, origin).
 */
export function buildChoiceClaim(draft: ChoiceDraft, base: ImportClaim): { claim: ImportClaim; notes: ImportIssue[] } | { skipped: ImportIssue } {
  const options = [...new Set(draft.rows.map((r) => r.option))];
  const skip = (why: string) => ({ skipped: { line: draft.line, field: draft.field, message: `skipped multiple-choice question "${draft.title}" (${draft.rows.length} rows): ${why}` } });
  if (options.length < 2) return skip('it has fewer than two options');
  const { vectors, partial, over } = standingVectors(draft.rows, options);
  if (over) return skip(`its options sum to ${Math.round(over.sum * 1000) / 10} % (line ${over.line}): Fatebook's non-exclusive kind is a set of yes/no questions, not one multiple-choice question`);
  const resolution = readResolution(draft.rows, options);
  const other = vectors.some((v) => v.sum < 1 - SUM_TOLERANCE) || (resolution !== undefined && 'value' in resolution && resolution.value === OTHER);
  const labels = other ? [...options, otherLabel(options)] : options;
  const claim: ImportClaim = { ...base, questionType: 'multiple-choice', options: labels };
  const first = draft.rows[0]!;
  if (first.resolveBy) claim.deadline = first.resolveBy;
  if (first.notes) claim.details = first.notes;
  if (first.tags) claim.tags = first.tags.split(';').map((t) => t.trim()).filter(Boolean);
  if (vectors.length) {
    claim.forecasts = vectors.map((v) =>
      markWhere({ sourceId: v.sourceId, probabilities: other ? [...v.values, Math.max(0, 1 - v.sum)] : v.values, madeAt: v.madeAt, imported: { platform: 'fatebook' } }, v.line),
    );
  }
  if (resolution && (first.resolveBy || first.resolvedAt)) {
    const knownOn = first.resolvedAt || first.resolveBy;
    claim.resolution = 'outcome' in resolution ? { ...resolution, knownOn } : { value: resolution.value === OTHER ? otherLabel(options) : resolution.value, knownOn };
  }
  const notes: ImportIssue[] = partial
    ? [{ line: draft.line, field: draft.field, message: `"${draft.title}": ${partial} forecast${partial === 1 ? '' : 's'} made before the forecaster had given every option a probability; kept only once all options had one` }]
    : [];
  return { claim, notes };
}

const OTHER = Symbol('other');

/** The label of the implicit OTHER option, not clashing with a real one. */
function otherLabel(options: string[]): string {
  return options.includes('Other') ? 'Other (none of the options)' : 'Other';
}

interface Vector { sourceId: string; madeAt: string; line: number; values: number[]; sum: number }

/** Per forecaster, in time order: a vector each time every option has a standing forecast. */
function standingVectors(rows: ChoiceRow[], options: string[]): { vectors: Vector[]; partial: number; over?: { sum: number; line: number } } {
  const ordered = [...rows].sort((a, b) => a.madeAt.localeCompare(b.madeAt) || a.line - b.line);
  const standing = new Map<string, Map<string, number>>();
  const vectors: Vector[] = [];
  let partial = 0;
  for (let i = 0; i < ordered.length; i++) {
    const row = ordered[i]!;
    const mine = standing.get(row.sourceId) ?? new Map<string, number>();
    standing.set(row.sourceId, mine);
    mine.set(row.option, row.probability);
    // Rows of one forecaster at one instant are one submission: emit after its last row.
    const next = ordered[i + 1];
    if (next && next.sourceId === row.sourceId && next.madeAt === row.madeAt) continue;
    if (mine.size < options.length) {
      partial++;
      continue;
    }
    const values = options.map((o) => mine.get(o)!);
    const sum = values.reduce((a, b) => a + b, 0);
    if (sum > 1 + SUM_TOLERANCE) return { vectors, partial, over: { sum, line: row.line } };
    vectors.push({ sourceId: row.sourceId, madeAt: row.madeAt, line: row.line, values, sum });
  }
  return { vectors, partial };
}

/** YES on an option → that option; every option NO → OTHER; AMBIGUOUS → annulled; else open. */
function readResolution(rows: ChoiceRow[], options: string[]): { value: string | typeof OTHER } | { outcome: 'annulled' } | undefined {
  const byOption = new Map(rows.map((r) => [r.option, r.resolution]));
  if ([...byOption.values()].some((r) => r === 'AMBIGUOUS')) return { outcome: 'annulled' };
  const yes = options.find((o) => byOption.get(o) === 'YES');
  if (yes !== undefined) return { value: yes };
  if (options.every((o) => byOption.get(o) === 'NO')) return { value: OTHER };
  return undefined;
}
