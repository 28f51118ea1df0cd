/**
 * Pick an existing source, or register a new one on the spot (name and type), for the
 * forecast and stance forms.
 */
import { api } from './api.js';
import { h } from './dom.js';
import { field, withPrefix } from './forms.js';
import { SOURCE_TYPE_LABELS } from './format.js';
import { forgetSources } from './sources.js';

const NEW = '__new';

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
  control.addEventListener('change', sync);
  sync();
  return h('div', { class: 'source-picker' }, select, extra);
}

/**
 * The chosen source id; registers the new source first when "New source…" is chosen.
 * Errors point at the picker's fields.
 */
export async function pickedSource(values, prefix = '') {
  if (values.sourceId !== NEW) return values.sourceId ?? '';
  const created = await api('/api/sources', { method: 'POST', body: { name: values.newSourceName ?? '', type: values.newSourceType } }).catch(withPrefix(`${prefix}/newSource`, 'The new source was not registered.'));
  forgetSources();
  return created.id;
}
