/**
 * A probability typed into a percent field, read and checked in the unit typed — the web twin
 * of src/domain/probability-input.ts (the page cannot import TypeScript): `70`, `70%` and
 * `70 %` are 70 %; odds `7:3` are 70 %; a refusal quotes the instance's bounds (GET /api/rules)
 * in percent: "Probability must be between 1 % and 99 % (you typed 100 %)".
 */
import { ApiProblem, apiOptional } from './api.js';
import { field } from './forms.js';

/** The bounds of releases that do not publish their rules (the API's IMPLICIT_RULES). */
const DEFAULT_RULES = Object.freeze({ minProbability: 0.01, maxProbability: 0.99 });
let cached = null;

/** The instance's rules, fetched once per page load. */
export function loadRules() {
  cached ??= apiOptional('/api/rules')
    .then((r) => r ?? DEFAULT_RULES)
    .catch(() => {
      cached = null;
      return DEFAULT_RULES;
    });
  return cached;
}

const tidy = (x) => String(Math.round(x * 1e6) / 1e6);
/** 0.7 → "70 %". */
export const percentText = (p) => `${tidy(p * 100)} %`;

/** "Between 1 % and 99 %; 70 and 70% both mean 70 %." */
export function percentHint(rules = DEFAULT_RULES) {
  return `Between ${percentText(rules.minProbability)} and ${percentText(rules.maxProbability)}; 70 and 70% both mean 70 %, odds 7:3 work too.`;
}

const PERCENT = /^([+-]?\d+(?:[.,]\d+)?|[+-]?[.,]\d+)\s*%?$/;
const ODDS = /^(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)$/;

/**
 * Read a percent field: `{ ok: true, value }` (a fraction) or `{ ok: false, message }` in percent.
 * @param {string} text
 * @param {{ minProbability: number, maxProbability: number } | null} rules null: only 0 < p < 1
 */
export function readPercent(text, rules = DEFAULT_RULES, name = 'Probability') {
  const t = String(text ?? '').trim();
  if (t === '') return { ok: false, message: `${name} is required: give one such as 70 or 70%.` };
  let value;
  let typed;
  const odds = ODDS.exec(t);
  const m = PERCENT.exec(t);
  if (odds) {
    const [a, b] = [Number(odds[1]), Number(odds[2])];
    if (!(a > 0 && b > 0)) return { ok: false, message: `Odds must be two positive numbers, such as 7:3 for 70 % (you typed ${t}).` };
    value = a / (a + b);
    typed = `${t}, which is ${percentText(value)}`;
  } else if (m) {
    value = Number(m[1].replace(',', '.')) / 100;
    typed = percentText(value);
  } else {
    return { ok: false, message: `${name} must be a number such as 70 or 70% (you typed “${t}”).` };
  }
  const [min, max] = rules ? [rules.minProbability, rules.maxProbability] : [Number.MIN_VALUE, 1 - Number.EPSILON];
  if (value >= min && value <= max) return { ok: true, value };
  const range = rules ? `between ${percentText(min)} and ${percentText(max)}` : 'more than 0 % and less than 100 %';
  let hint = value <= 0 || value >= 1 ? ' Reckon never records certainty: a forecast is a chance, so stay inside the bounds.' : '';
  if (!odds && value * 100 >= min && value * 100 <= max) hint = ` Did you mean ${percentText(value * 100)}?`;
  return { ok: false, message: `${name} must be ${range} (you typed ${typed}).${hint}` };
}

/**
 * A percent field: text (so "70%" and "7:3" can be typed; a number input would drop them),
 * a decimal keypad on phones, and a hint with the instance's bounds once they are known.
 * `bounded` false: a stated confidence, held only to 0 % < p < 100 %.
 * @param {{ name: string, label: string, pointer?: string, required?: boolean, value?: string, bounded?: boolean, before?: string }} o
 *   `before`: a sentence put ahead of the bounds in the hint ("Read from “70%”.")
 */
export function percentField(o) {
  const bounded = o.bounded ?? true;
  const lead = o.before ? `${o.before} ` : '';
  const hint = lead + (bounded ? percentHint() : 'More than 0 % and less than 100 %; 80 and 80% both mean 80 %.');
  const el = field({ name: o.name, label: o.label, pointer: o.pointer, required: o.required, value: o.value, hint, attrs: { inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false' } });
  if (bounded) {
    void loadRules().then((rules) => {
      const p = el.querySelector('.hint');
      if (p) p.textContent = lead + percentHint(rules);
    });
  }
  return el;
}

/**
 * The fraction a percent field holds, or an ApiProblem naming the field (`pointer`) with the
 * message in percent — so submitWith shows it beside the field, as it shows the API's.
 * An empty optional field is undefined.
 */
export async function percentValue(text, pointer, { bounded = true, optional = false, name = 'Probability' } = {}) {
  if (optional && String(text ?? '').trim() === '') return undefined;
  const r = readPercent(text, bounded ? await loadRules() : null, name);
  if (r.ok) return r.value;
  throw new ApiProblem(400, { detail: `The ${name.toLowerCase()} is not one Reckon can record.`, errors: [{ pointer, message: r.message }] });
}
