/**
 * DOM building without innerHTML: every string child becomes a text node, so anything a
 * user wrote (a title such as `<img src=x onerror=…>`) is shown as text, never parsed.
 */

/** Properties set after children exist (a <select>'s value needs its options). */
const LATE_PROPS = new Set(['value', 'checked', 'selected']);

/**
 * `h('a', { href: '/x', class: 'tag' }, 'text', child)`. Attributes that are null, undefined
 * or false are left out; `true` sets an empty attribute; `on<event>` adds a listener.
 * @param {string} tag
 * @param {Record<string, unknown> | null} [attrs]
 * @param {...unknown} children strings, numbers, nodes, arrays of them, or null
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  const late = [];
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = String(value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    else if (LATE_PROPS.has(key)) late.push([key, value]);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  for (const [key, value] of late) /** @type {any} */ (el)[key] = value;
  return el;
}

/** Append strings (as text), nodes and nested arrays; skip null, undefined and false. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replace every child of `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** Only http(s) links from data are made clickable. */
export function safeUrl(url) {
  if (typeof url !== 'string') return null;
  try {
    const u = new URL(url, location.origin);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** A link to an outside page, or plain text when the URL is not http(s). */
export function externalLink(url, text) {
  const href = safeUrl(url);
  return href ? h('a', { href, rel: 'noopener noreferrer', target: '_blank' }, text ?? url) : h('span', null, text ?? String(url));
}

let idCounter = 0;
/** A document-unique id for label/aria wiring. */
export function uid(prefix = 'id') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
