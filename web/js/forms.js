/**
 * Form building blocks: labelled fields wired to hints and error messages, and the one way
 * a refused submission is shown — the API's message beside each field its pointer names,
 * with what was typed left in place.
 */
import { ApiProblem } from './api.js';
import { h, uid } from './dom.js';

/**
 * A labelled input, select or textarea.
 * @param {{ name: string, label: string, id?: string, type?: string, required?: boolean, hint?: string, value?: string,
 *   pointer?: string, options?: Array<[string, string]>, rows?: number, attrs?: Record<string, unknown>, class?: string }} o
 */
export function field(o) {
  const id = o.id ?? uid(`f-${o.name}`);
  const hintId = o.hint ? `${id}-hint` : null;
  const errId = `${id}-err`;
  const common = { id, name: o.name, 'aria-describedby': [hintId, errId].filter(Boolean).join(' '), 'aria-required': o.required ? 'true' : null, ...o.attrs };
  let control;
  if (o.type === 'select') control = h('select', { ...common, value: o.value ?? '' }, (o.options ?? []).map(([v, text]) => h('option', { value: v }, text)));
  else if (o.type === 'textarea') control = h('textarea', { ...common, rows: o.rows ?? 3, value: o.value ?? '' });
  else control = h('input', { ...common, type: o.type ?? 'text', value: o.value ?? '' });
  return h(
    'div',
    { class: `field${o.class ? ` ${o.class}` : ''}`, dataset: { pointer: o.pointer ?? `/${o.name}` } },
    h('label', { for: id }, o.label, o.required ? h('span', { class: 'required-mark', 'aria-hidden': 'true' }, ' *') : null),
    o.hint ? h('p', { class: 'hint', id: hintId }, o.hint) : null,
    control,
    h('p', { class: 'field-error', id: errId }),
  );
}

/**
 * Radio buttons (or checkboxes) in a fieldset with a legend.
 * @param {{ name: string, legend: string, options: Array<[string, string]>, value?: string | string[], type?: 'radio' | 'checkbox', pointer?: string, hint?: string }} o
 */
export function choices(o) {
  const type = o.type ?? 'radio';
  const values = Array.isArray(o.value) ? o.value : [o.value];
  const errId = uid(`f-${o.name}-err`);
  return h(
    'fieldset',
    { class: 'field', dataset: { pointer: o.pointer ?? `/${o.name}` }, 'aria-describedby': errId },
    h('legend', null, o.legend),
    o.hint ? h('p', { class: 'hint' }, o.hint) : null,
    h(
      'div',
      { class: 'choice-row' },
      o.options.map(([v, text]) => {
        const id = uid(`f-${o.name}`);
        return h('label', { for: id }, h('input', { type, id, name: o.name, value: v, checked: values.includes(v) }), text);
      }),
    ),
    h('p', { class: 'field-error', id: errId }),
  );
}

/** The form's values: text trimmed; checkbox groups as arrays. */
export function formValues(form) {
  const out = {};
  const data = new FormData(form);
  for (const key of new Set(data.keys())) {
    const all = data.getAll(key).map((v) => (typeof v === 'string' ? v.trim() : v));
    const el = form.elements.namedItem(key);
    const isCheckboxGroup = el instanceof RadioNodeList ? [...el].some((x) => x instanceof HTMLInputElement && x.type === 'checkbox') : el instanceof HTMLInputElement && el.type === 'checkbox';
    out[key] = isCheckboxGroup ? all : all[0];
  }
  return out;
}

export function clearErrors(form) {
  form.querySelector(':scope > .form-summary')?.remove();
  for (const p of form.querySelectorAll('.field-error')) p.textContent = '';
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

/** The field a JSON Pointer names, trying its parents: /grade/reliability → /grade. */
function fieldFor(form, pointer) {
  let p = pointer;
  while (p) {
    for (const el of form.querySelectorAll('[data-pointer]')) if (el instanceof HTMLElement && el.dataset.pointer === p && !el.closest('[hidden]')) return el;
    p = p.slice(0, p.lastIndexOf('/'));
  }
  return null;
}

/** Put a message at the top of the form (role=alert, so it is announced). */
export function formMessage(form, message, extra = []) {
  form.querySelector(':scope > .form-summary')?.remove();
  const box = h('div', { class: 'notice error form-summary', role: 'alert', tabindex: '-1' }, h('p', null, message), extra.length ? h('ul', null, extra.map((t) => h('li', null, t))) : null);
  form.prepend(box);
  return box;
}

/**
 * Show a refused submission: each error beside the field its pointer names (under `prefix`,
 * for the forecast part of a bigger form), the rest and the detail at the top.
 */
export function showProblem(form, err, { prefix = '', intro } = {}) {
  const unplaced = [];
  let first = null;
  for (const e of err.errors ?? []) {
    const el = fieldFor(form, `${prefix}${e.pointer}`);
    if (!el) {
      unplaced.push(e.pointer ? `${e.pointer.slice(1)}: ${e.message}` : e.message);
      continue;
    }
    const msg = el.querySelector('.field-error');
    if (msg) msg.textContent = msg.textContent ? `${msg.textContent} ${e.message}` : e.message;
    const control = el.querySelector('input, select, textarea');
    control?.setAttribute('aria-invalid', 'true');
    first ??= control;
  }
  // The API's detail lists pointers for programs; a person is pointed at the marked fields instead.
  const placed = (err.errors?.length ?? 0) - unplaced.length;
  const marked = placed === 1 ? 'Fix the marked field and try again.' : `Fix the ${placed} marked fields and try again.`;
  const detail = !err.errors?.length ? `${intro ?? 'Not saved.'} ${err.message}` : placed > 0 ? `${intro ?? 'Not saved.'} ${marked}` : `${intro ?? 'Not saved.'} ${err.message}`;
  const box = formMessage(form, detail, unplaced);
  (first instanceof HTMLElement ? first : box).focus();
}

/**
 * Run `action` for a submit: the button is disabled meanwhile; an ApiProblem is shown on the
 * form (and the values stay as typed). Resolves true when the action succeeded.
 */
export async function submitWith(form, action) {
  const buttons = [...form.querySelectorAll('button[type="submit"]')];
  clearErrors(form);
  for (const b of buttons) b.setAttribute('disabled', '');
  form.setAttribute('aria-busy', 'true');
  try {
    await action();
    return true;
  } catch (err) {
    if (err instanceof ApiProblem) showProblem(form, err, { prefix: err.prefix ?? '', intro: err.intro });
    else formMessage(form, err instanceof Error ? err.message : String(err));
    return false;
  } finally {
    for (const b of buttons) b.removeAttribute('disabled');
    form.removeAttribute('aria-busy');
  }
}

/** Tag an ApiProblem with the field prefix of the part of the form it belongs to. */
export function withPrefix(prefix, intro) {
  return (err) => {
    if (err instanceof ApiProblem) Object.assign(err, { prefix, intro });
    throw err;
  };
}
