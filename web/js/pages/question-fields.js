/**
 * The new-claim form's question (issue 17): a prediction asks yes/no (the default), one of
 * several options (one label a line; `ordered` for ranked categories such as ranges), a number
 * or a date within a range (min, max, whether the outcome may fall below or above it, and for a
 * number a linear or log scale). `questionBody` turns the form's values into the API's fields.
 */
import { h } from '../dom.js';
import { choices, field } from '../forms.js';

export const QUESTION_TYPES = [
  ['binary', 'Yes or no'],
  ['multiple-choice', 'Multiple choice'],
  ['numeric', 'A number'],
  ['date', 'A date'],
];

/** The checked value of a radio group inside `root`. */
const checked = (root, name) => /** @type {HTMLInputElement | null} */ (root.querySelector(`input[name="${name}"]:checked`))?.value;

function rangeFields() {
  // Distinct names: hidden inputs are in the form's data too.
  const bounds = (type) => [
    field({ name: `${type}Min`, label: 'Lowest value of the range', type, required: true, pointer: '/range/min' }),
    field({ name: `${type}Max`, label: 'Highest value of the range', type, required: true, pointer: '/range/max' }),
  ];
  const numeric = h('div', { class: 'grid-2', dataset: { range: 'numeric' } }, bounds('number'));
  const date = h('div', { class: 'grid-2', dataset: { range: 'date' } }, bounds('date'));
  for (const input of numeric.querySelectorAll('input')) input.setAttribute('step', 'any');
  const open = choices({
    name: 'openBounds', legend: 'Can the outcome fall outside the range?', type: 'checkbox', pointer: '/range',
    hint: 'Tick a side to let forecasts put some probability beyond it (Metaculus’s open bounds).',
    options: [['lower', 'Below the lowest value'], ['upper', 'Above the highest value']],
  });
  const scale = choices({ name: 'scale', legend: 'Scale', pointer: '/range/scale', value: 'linear', options: [['linear', 'Linear'], ['log', 'Logarithmic (for values spanning powers of ten; lowest value above 0)']] });
  return { numeric, date, open, scale };
}

/**
 * The question part of the new-claim form. Shown for predictions only; the parts of the other
 * types are hidden (and so not validated) until their type is chosen.
 * @returns {HTMLElement}
 */
export function questionFields() {
  const type = choices({ name: 'questionType', legend: 'What does it ask?', options: QUESTION_TYPES, value: 'binary', pointer: '/questionType' });
  const options = h(
    'div',
    { dataset: { question: 'multiple-choice' } },
    field({ name: 'options', label: 'Options, one a line', type: 'textarea', rows: 4, required: true, pointer: '/options', hint: '2 to 20 distinct options; exactly one will happen.' }),
    choices({ name: 'ordered', legend: 'Are the options ordered?', type: 'checkbox', pointer: '/ordered', options: [['true', 'Yes — ranked categories such as ranges (scored with the ranked probability score too)']] }),
  );
  const range = rangeFields();
  const rangeBox = h('div', { dataset: { question: 'range' } }, range.numeric, range.date, range.open, range.scale);
  const box = h('div', { class: 'subform', dataset: { questionBox: '' } }, type, options, rangeBox);
  const sync = () => {
    const v = checked(box, 'questionType') ?? 'binary';
    options.hidden = v !== 'multiple-choice';
    rangeBox.hidden = v !== 'numeric' && v !== 'date';
    range.numeric.hidden = v !== 'numeric';
    range.date.hidden = v !== 'date';
    range.scale.hidden = v !== 'numeric';
  };
  box.addEventListener('change', sync);
  sync();
  return box;
}

/**
 * The API fields of the chosen question (nothing for yes/no). Numbers stay as typed text when
 * they do not parse, so the API names the field.
 * @param {Record<string, any>} v form values
 */
export function questionBody(v) {
  const type = v.questionType ?? 'binary';
  if (type === 'binary') return {};
  if (type === 'multiple-choice') {
    const options = String(v.options ?? '').split('\n').map((o) => o.trim()).filter(Boolean);
    return { questionType: type, options, ...(v.ordered?.includes('true') ? { ordered: true } : {}) };
  }
  const open = v.openBounds ?? [];
  const bound = (text) => (type === 'numeric' ? (text === '' || text === undefined ? null : Number(text)) : text ?? '');
  const prefix = type === 'numeric' ? 'number' : 'date';
  const range = { min: bound(v[`${prefix}Min`]), max: bound(v[`${prefix}Max`]), openLower: open.includes('lower'), openUpper: open.includes('upper'), scale: type === 'numeric' ? v.scale ?? 'linear' : 'linear' };
  return { questionType: type, range };
}
