/**
 * The parts of a Metaculus multiple-choice, numeric or date question that a yes/no one lacks
 * (issue 17): its options or its range, its aggregation history as probability vectors or
 * 201-point CDFs, and its resolution value. What Reckon cannot represent is refused with a
 * note naming the question, and the rest of the file still imports:
 *   - a discrete question (Metaculus's `inbound_outcome_count` other than 200);
 *   - a `zero_point` other than the log scale's 0 (Reckon's log scale is even in ln x, which
 *     is Metaculus's `unscaleNominalLocation` with zero_point 0, front_end/src/utils/math.ts);
 *   - a multiple-choice question whose options changed (`options_history` with several sets);
 *   - the deprecated api2 shape of a continuous question (no CDFs in it).
 * Whether a vector or CDF is a valid forecast is the rule engine's call (src/domain/questions),
 * which every importer shares; here only shapes are read. Resolution strings follow Metaculus's
 * `utils/the_math/formulas.py` (`below_lower_bound`, `above_upper_bound`, a number, an ISO date).
 */
import type { ImportClaim, QuestionRange } from '../domain/types.js';
import { epochToIso, parseInstant } from './dates.js';
import type { ImportIssue, IssueCollector } from './errors.js';
import { asList, isObject, type JsonObject } from './json-input.js';
import type { At, RawPoint } from './metaculus-shapes.js';
import { markWhere } from './where.js';

export type QuestionShape = Pick<ImportClaim, 'questionType' | 'options' | 'range'>;

/** Metaculus's `DefaultInboundOutcomeCount`: 201 CDF points. */
const INBOUND_OUTCOMES = 200;

/** Reads the question's type-specific shape, or says why Reckon cannot represent it. */
export function readQuestionShape(question: JsonObject, type: string): { shape: QuestionShape } | { refused: string } {
  if (type === 'multiple_choice') return readOptions(question);
  if (type === 'numeric' || type === 'date') return readRange(question, type);
  if (type === 'discrete') return { refused: 'a discrete question (its outcomes are whole steps, not a continuous range) cannot be represented' };
  return { refused: `a question of type ${JSON.stringify(type)} cannot be represented` };
}

function readOptions(question: JsonObject): { shape: QuestionShape } | { refused: string } {
  const options = asList(question.options);
  if (!options.every((o): o is string => typeof o === 'string')) return { refused: 'its options are not a list of labels' };
  const history = asList(question.options_history);
  const ever = asList(question.all_options_ever);
  const changed = history.length > 1 || (ever.length > 0 && ever.length !== options.length);
  if (changed) return { refused: 'its options changed over time (options_history), which a Reckon question cannot follow' };
  return { shape: { questionType: 'multiple-choice', options } };
}

function readRange(question: JsonObject, type: 'numeric' | 'date'): { shape: QuestionShape } | { refused: string } {
  const scaling = isObject(question.scaling) ? question.scaling : {};
  const count = scaling.inbound_outcome_count ?? question.inbound_outcome_count;
  if (count !== undefined && count !== null && count !== INBOUND_OUTCOMES) return { refused: `its ${String(count)} inbound outcomes make it discrete; Reckon's CDFs have 200 buckets` };
  const min = scaling.range_min;
  const max = scaling.range_max;
  if (typeof min !== 'number' || typeof max !== 'number' || !(min < max)) return { refused: 'its scaling has no range_min < range_max' };
  const zero = scaling.zero_point;
  const log = zero === 0;
  if (zero !== null && zero !== undefined && !log) return { refused: `its zero_point ${JSON.stringify(zero)} is not representable: Reckon's log scale is even in ln x (zero_point 0)` };
  if (log && (type === 'date' || min <= 0)) return { refused: 'a log scale needs a numeric range above 0' };
  const open = (key: 'open_lower_bound' | 'open_upper_bound') => Boolean(scaling[key] ?? question[key]);
  const bound = (v: number) => (type === 'date' ? epochToIso(v)! : v);
  const range: QuestionRange = { min: bound(min), max: bound(max), openLower: open('open_lower_bound'), openUpper: open('open_upper_bound'), scale: log ? 'log' : 'linear' };
  return { shape: { questionType: type, range } };
}

/** The forecast values of one point, as the command input's field. */
export function forecastValues(values: unknown, shape: QuestionShape): { probabilities: number[] } | { cdf: number[] } | undefined {
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'number')) return undefined;
  const numbers = values as number[];
  if (shape.questionType === 'multiple-choice') return numbers.length === shape.options!.length ? { probabilities: numbers } : undefined;
  return numbers.length === INBOUND_OUTCOMES + 1 ? { cdf: numbers } : undefined;
}

/** Metaculus's resolution string → Reckon's value, or an outcome for annulled/ambiguous. */
export function readResolutionValue(resolution: At, shape: QuestionShape, issues: IssueCollector): { value: string | number } | { outcome: 'annulled' } | undefined {
  const raw = resolution.value;
  if (raw === null || raw === undefined || raw === '') return undefined;
  const text = typeof raw === 'string' ? raw.trim() : raw;
  if (text === 'annulled' || text === 'ambiguous') return { outcome: 'annulled' };
  if (text === 'below_lower_bound') return { value: 'below-range' };
  if (text === 'above_upper_bound') return { value: 'above-range' };
  if (shape.questionType === 'multiple-choice' && typeof text === 'string') return { value: text };
  if (shape.questionType === 'numeric') {
    const n = typeof text === 'number' ? text : Number(text);
    if (typeof text === 'number' || (text !== '' && Number.isFinite(n))) return { value: n };
  }
  if (shape.questionType === 'date' && typeof text === 'string') {
    const iso = parseInstant(text);
    if (iso) return { value: iso };
  }
  issues.push({ field: resolution.field, message: `${JSON.stringify(raw)} is not a ${shape.questionType} resolution` });
  return undefined;
}


type Forecasts = NonNullable<ImportClaim['forecasts']>;

/**
 * The aggregation history as forecasts of `sourceId`: sorted by time, the last of points
 * sharing a timestamp kept. A numeric/date point without `forecast_values` (Metaculus sends the
 * CDF only for some points; the rest carry the median alone) is skipped and counted in a note.
 */
export function readValueHistory(points: RawPoint[], shape: QuestionShape, sourceId: string, issues: IssueCollector, notes: ImportIssue[]): Forecasts {
  const byTime = new Map<string, Forecasts[number]>();
  let withoutCdf = 0;
  let duplicates = 0;
  for (const point of points) {
    const madeAt = typeof point.time === 'number' ? epochToIso(point.time) : undefined;
    if (!madeAt) issues.push({ field: `${point.field}.start_time`, message: `${JSON.stringify(point.time ?? null)} is not an epoch time` });
    const raw = point.values ?? (shape.questionType === 'multiple-choice' ? point.centers : undefined);
    if (raw === undefined) {
      withoutCdf++;
      continue;
    }
    const values = forecastValues(raw, shape);
    if (!values) issues.push({ field: point.field, message: shape.questionType === 'multiple-choice' ? `forecast_values is not one probability per option (${shape.options!.length})` : 'forecast_values is not a CDF of 201 numbers' });
    if (!madeAt || !values) continue;
    if (byTime.has(madeAt)) duplicates++;
    // The aggregate as Metaculus recorded it: marked imported.
    byTime.set(madeAt, markWhere({ sourceId, ...values, madeAt, imported: { platform: 'metaculus' } }, { field: point.field }));
  }
  const at = points[0]?.field.replace(/\.(history\[\d+\]|latest)$/, '');
  if (withoutCdf) notes.push({ field: at, message: `${withoutCdf} community-prediction point${withoutCdf === 1 ? '' : 's'} carried no forecast_values (only the median); skipped` });
  if (duplicates) notes.push({ field: at, message: `${duplicates} community-prediction point${duplicates === 1 ? '' : 's'} repeated an earlier timestamp; the last of each was kept` });
  return [...byTime.values()].sort((a, b) => Date.parse(a.madeAt) - Date.parse(b.madeAt));
}
