/**
 * Client-side routing with the History API: every view has its own URL, filters live in the
 * query string, back and forward work. The server answers index.html for each of these paths.
 */
import { h, replace } from './dom.js';
import { ApiProblem } from './api.js';
import { destroyFigures } from './charts/figure.js';

const ROUTES = [
  { pattern: /^\/$/, section: 'claims', load: () => import('./pages/claims.js') },
  { pattern: /^\/claims\/new$/, section: 'new', load: () => import('./pages/claim-new.js') },
  { pattern: /^\/claims\/([^/]+)$/, section: 'claims', load: () => import('./pages/claim.js') },
  { pattern: /^\/due$/, section: 'due', load: () => import('./pages/due.js') },
  { pattern: /^\/calibration$/, section: 'calibration', load: () => import('./pages/calibration.js') },
  { pattern: /^\/sources$/, section: 'sources', load: () => import('./pages/sources.js') },
  { pattern: /^\/sources\/([^/]+)$/, section: 'sources', load: () => import('./pages/source.js') },
  { pattern: /^\/overview$/, section: 'overview', load: () => import('./pages/overview.js') },
  { pattern: /^\/leaderboard$/, section: 'leaderboard', load: () => import('./pages/leaderboard.js') },
];

let controller = null;
const listeners = [];

/** Run `fn` after every page render (the footer refreshes the ledger head). */
export function afterRender(fn) {
  listeners.push(fn);
}

function match(pathname) {
  for (const route of ROUTES) {
    const m = route.pattern.exec(pathname);
    if (m) return { route, params: m.slice(1).map(decodeURIComponent) };
  }
  return null;
}

/** Whether a same-origin path is one of the UI's pages. */
export function isPagePath(pathname) {
  return match(pathname) !== null;
}

function markNav(section) {
  for (const a of document.querySelectorAll('.nav-list a')) {
    if (a instanceof HTMLElement && a.dataset.section === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

/** Go to `href` (a path with query) and render it; `replace` rewrites the current entry. */
export function navigate(href, { replace: replaceEntry = false, keepScroll = false } = {}) {
  const url = new URL(href, location.href);
  const same = url.pathname + url.search === location.pathname + location.search;
  if (replaceEntry || same) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  if (!keepScroll && !same) window.scrollTo(0, 0);
  return render({ moveFocus: !keepScroll });
}

function notFound(main) {
  document.title = 'Not found — Reckon';
  replace(main, h('h1', null, 'Page not found'), h('p', null, 'There is no page at this address. ', h('a', { href: '/' }, 'Go to the claims.')));
}

function showError(main, err) {
  const problem = err instanceof ApiProblem;
  const title = problem && err.status === 404 ? 'Not found' : 'Something went wrong';
  document.title = `${title} — Reckon`;
  replace(main, h('h1', null, title), h('div', { class: 'notice error', role: 'alert' }, h('p', null, err instanceof Error ? err.message : String(err))), h('p', null, h('a', { href: '/' }, 'Back to the claims')));
}

/** Render the page for the current location. A newer navigation aborts an older render. */
export async function render({ moveFocus = false } = {}) {
  controller?.abort();
  controller = new AbortController();
  const { signal } = controller;
  const main = /** @type {HTMLElement} */ (document.getElementById('main'));
  const active = document.activeElement;
  // A filter that re-renders the page keeps the keyboard focus (filter fields have stable ids).
  const keep = (active instanceof HTMLInputElement || active instanceof HTMLSelectElement) && active.id ? { id: active.id, pos: active instanceof HTMLInputElement ? active.selectionStart : null } : null;
  const found = match(location.pathname);
  markNav(found?.route.section ?? '');
  destroyFigures();
  main.setAttribute('aria-busy', 'true');
  try {
    if (!found) notFound(main);
    else {
      const page = await found.route.load();
      if (signal.aborted) return;
      await page.render({ main, params: found.params, query: new URLSearchParams(location.search), signal, url: new URL(location.href) });
    }
  } catch (err) {
    if (signal.aborted || (err instanceof DOMException && err.name === 'AbortError')) return;
    console.warn('[reckon]', err);
    showError(main, err);
  }
  if (signal.aborted) return;
  main.removeAttribute('aria-busy');
  const again = keep ? document.getElementById(keep.id) : null;
  if (again instanceof HTMLInputElement || again instanceof HTMLSelectElement) {
    again.focus();
    if (again instanceof HTMLInputElement && keep?.pos !== null && keep?.pos !== undefined && /^(text|search)$/.test(again.type)) again.setSelectionRange(keep.pos, keep.pos);
  } else if (moveFocus) main.focus({ preventScroll: true });
  for (const fn of listeners) fn();
}

/** Follow same-origin links to UI pages without a full load; leave everything else alone. */
function onClick(event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const a = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!(a instanceof HTMLAnchorElement) || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href);
  if (url.origin !== location.origin || !isPagePath(url.pathname)) return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  event.preventDefault();
  void navigate(url.pathname + url.search);
}

export function startRouter() {
  history.scrollRestoration = 'manual';
  document.addEventListener('click', onClick);
  window.addEventListener('popstate', () => void render({ moveFocus: true }));
  return render();
}
