/**
 * Pick an existing source, or register a new one on the spot (name and type), for the
 * forecast and stance forms. A new source is registered once per form: once registered it
 * becomes the picker's choice, so a refused submit retried does not register it again. A new
 * name that matches an existing source's (ignoring case and spaces) is warned about.
 */
import { api } from './api.js';
import { h } from './dom.js';
import { field, withPrefix } from './forms.js';
import { SOURCE_TYPE_LABELS } from './format.js';
import { forgetSources } from './sources.js';

const NEW = '__new';

/** A name as compared for duplicates: trimmed, inner spaces collapsed, case folded. */
const nameKey = (name) => String(name ?? '').trim().replace(/\s+/g, ' ').toLowerCase();

/** The warning under the new name: shown while it matches an existing source, with a button to pick that one. */
function nameTakenWarning(sources, nameInput, choose) {
  const box = h('div', { class: 'notice warn name-taken', role: 'status', hidden: true });
  const check = () => {
    const key = nameKey(nameInput.value);
    const match = key ? sources.find((s) => nameKey(s.name) === key) : undefined;
    box.hidden = !match;
    if (!match) return box.replaceChildren();
    const use = h('button', { type: 'button' }, `Use ${match.name}`);
    use.addEventListener('click', () => choose(match.id));
    box.replaceChildren(h('p', null, `A source named “${match.name}” already exists. Use it, unless this is a different one.`), use);
  };
  nameInput.addEventListener('input', check);
  return box;
}

/**
 * @param {{ sources: Array<{ id: string, name: string }>, prefix?: string, label?: string, value?: string, defaultType?: string }} o
 */
export function sourcePicker({ sources, prefix = '', label = 'Source', value, defaultType = 'forecaster' }) {
  const options = [['', sources.length ? 'Choose a source…' : 'No sources yet: register one'], ...sources.map((s) => [s.id, s.name]), [NEW, '+ New source…']];
  const select = field({ name: 'sourceId', label, type: 'select', options, required: true, value: value ?? (sources.length ? '' : NEW), pointer: `${prefix}/sourceId` });
  const extra = h(
    'div',
    { class: 'grid-2 new-source' },
    field({ name: 'newSourceName', label: 'New source name', required: true, pointer: `${prefix}/newSource/name`, hint: 'A person, outlet, government, platform or forecaster.' }),
    field({ name: 'newSourceType', label: 'Type', type: 'select', value: defaultType, options: Object.entries(SOURCE_TYPE_LABELS), pointer: `${prefix}/newSource/type` }),
  );
  const control = /** @type {HTMLSelectElement} */ (select.querySelector('select'));
  const sync = () => {
    extra.hidden = control.value !== NEW;
  };
  const choose = (id) => {
    control.value = id;
    sync();
    control.focus();
  };
  extra.append(nameTakenWarning(sources, /** @type {HTMLInputElement} */ (extra.querySelector('input')), choose));
  control.addEventListener('change', sync);
  sync();
  return h('div', { class: 'source-picker' }, select, extra);
}

/**
 * The chosen source id; registers the new source first when "New source…" is chosen, and
 * then makes it the choice of the picker in `form` (so a retry after a refusal reuses it).
 * Errors point at the picker's fields.
 * @param {Record<string, any>} values @param {string} [prefix] @param {HTMLElement} [form]
 */
export async function pickedSource(values, prefix = '', form) {
  if (values.sourceId !== NEW) return values.sourceId ?? '';
  const created = await api('/api/sources', { method: 'POST', body: { name: values.newSourceName ?? '', type: values.newSourceType } }).catch(withPrefix(`${prefix}/newSource`, 'The new source was not registered.'));
  forgetSources();
  const control = /** @type {HTMLSelectElement | null | undefined} */ (form?.querySelector('.source-picker select[name="sourceId"]'));
  if (control) {
    control.add(h('option', { value: created.id }, created.name), control.querySelector(`option[value="${NEW}"]`));
    control.value = created.id;
    control.dispatchEvent(new Event('change'));
  }
  return created.id;
}

/** Where this browser keeps the last forecaster chosen on a claim page. */
const FORECASTER_KEY = 'reckon.forecaster';

/** The forecaster last used in this browser, if it is still a source; undefined otherwise. */
export function rememberedForecaster(sources) {
  try {
    const id = localStorage.getItem(FORECASTER_KEY);
    return sources.some((s) => s.id === id) ? id : undefined;
  } catch {
    return undefined; // storage blocked: nothing remembered
  }
}

/** Keep `id` as this browser's forecaster for the next forecast. */
export function rememberForecaster(id) {
  try {
    localStorage.setItem(FORECASTER_KEY, id);
  } catch {
    /* storage blocked: not remembered */
  }
}
