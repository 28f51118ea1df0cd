/**
 * The base rate as a prior beside the new-allegation form: once the source of the first
 * stance is chosen, how often allegations from its type of source were confirmed
 * (GET /api/base-rates?by=sourceType), in words, small samples said so.
 */
import { apiOptional } from '../api.js';
import { h, replace } from '../dom.js';
import { priorForType } from '../charts/base-rates.js';

let rates = null;

/** Base rates by source type, fetched once per page (null when the server has none). */
function baseRates() {
  rates ??= apiOptional('/api/base-rates?by=sourceType').catch(() => {
    rates = null;
    return null;
  });
  return rates;
}

/**
 * A live box that follows the form: shown for an allegation with a first stance, saying the
 * prior for the chosen (or new) source's type.
 * @param {HTMLFormElement} form
 * @param {Array<{ id: string, type: string }>} sources
 */
export function basePriorBox(form, sources) {
  const text = h('p', null);
  const box = h('aside', { class: 'notice prior', 'aria-live': 'polite', 'aria-label': 'Base rate', hidden: true }, h('p', { class: 'prior-title' }, 'Base rate'), text);
  const types = new Map(sources.map((s) => [s.id, s.type]));
  const value = (sel) => /** @type {HTMLInputElement | HTMLSelectElement | null} */ (form.querySelector(sel))?.value ?? '';
  const update = async () => {
    const allegation = value('input[name="kind"]:checked') === 'allegation';
    const stance = value('input[name="first"]:checked') === 'stance';
    const id = value('select[name="sourceId"]');
    const type = id === '__new' ? value('select[name="newSourceType"]') : types.get(id);
    if (!allegation || !stance || !type) {
      box.hidden = true;
      return;
    }
    const data = await baseRates();
    if (!data) return;
    replace(text, priorForType(data, type));
    box.hidden = false;
  };
  form.addEventListener('change', () => void update());
  void update();
  return box;
}
