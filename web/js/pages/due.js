/**
 * `/due` — Needs resolution: open predictions past their deadline and open allegations past
 * their check-by date, oldest first, each with a one-click resolve (known today). Read from
 * `GET /api/claims?status=open&due=passed&sort=deadline`, the same list the claims page filters.
 */
import { api, qs } from '../api.js';
import { h, replace } from '../dom.js';
import { formMessage } from '../forms.js';
import { navigate } from '../router.js';
import { allSources } from '../sources.js';
import { DUE_QUERY } from '../due-badge.js';
import { claimRow } from './claim-row.js';
import { flash, takeFlash } from './flash.js';

const PAGE_SIZE = 50;


/** Days from the due date to now, in whole days (0 on the day itself). */
function daysOverdue(due, now = Date.now()) {
  const at = Date.parse(due.length === 10 ? `${due}T00:00:00Z` : due);
  return Math.max(0, Math.floor((now - at) / 86_400_000));
}

/** POST the resolution: outcome known now (so every forecast made before now still counts). */
async function resolve(claim, outcome, row) {
  const buttons = [...row.querySelectorAll('button')];
  for (const b of buttons) b.setAttribute('disabled', '');
  try {
    await api(`/api/claims/${encodeURIComponent(claim.id)}/resolution`, { method: 'POST', body: { outcome, knownOn: new Date().toISOString(), note: 'Resolved from the Needs resolution list.' } });
    flash(`“${claim.title}” resolved: ${outcome}.`);
    await navigate(location.pathname + location.search, { replace: true, keepScroll: true });
  } catch (err) {
    for (const b of buttons) b.removeAttribute('disabled');
    const box = formMessage(row.querySelector('.due-actions') ?? row, err instanceof Error ? err.message : String(err));
    box.focus();
  }
}

function dueRow(claim, names) {
  const row = claimRow(claim, names);
  const days = daysOverdue(claim.deadline ?? claim.checkBy);
  const label = days === 0 ? 'Due today' : `${days} day${days === 1 ? '' : 's'} overdue`;
  const button = (outcome, text) => h('button', { type: 'button', class: outcome === 'confirmed' ? 'primary' : '', 'aria-label': `${text}: ${claim.title}`, onclick: () => void resolve(claim, outcome, row) }, text);
  row.append(
    h(
      'div',
      { class: 'due-actions' },
      h('span', { class: 'small muted' }, label),
      button('confirmed', 'Confirmed'),
      button('refuted', 'Refuted'),
      h('a', { href: `/claims/${encodeURIComponent(claim.id)}`, class: 'small' }, 'Other outcome…'),
    ),
  );
  return row;
}

export async function render({ main, signal }) {
  document.title = 'Needs resolution — Reckon';
  const sources = await allSources();
  const page = await api(`/api/claims${qs({ ...DUE_QUERY, limit: PAGE_SIZE })}`, { signal });
  if (signal.aborted) return;
  const names = new Map(sources.map((s) => [s.id, s.name]));
  const intro = h('p', null, 'Open predictions past their deadline and allegations past their check-by date, the longest overdue first. One click resolves a claim as known today; for another outcome, a note or evidence, open the claim. ', h('a', { href: '/feeds/due.ics' }, 'Calendar (.ics)'), ' · ', h('a', { href: '/feeds/due.atom' }, 'Feed (Atom)'));
  if (page.items.length === 0) {
    replace(main, takeFlash(), h('h1', null, 'Needs resolution'), intro, h('p', { class: 'notice ok' }, 'Nothing is overdue: every claim past its date has been resolved.'));
    return;
  }
  const list = h('ul', { class: 'claim-list due-list', 'aria-label': 'Claims that need resolution' }, page.items.map((c) => dueRow(c, names)));
  const more = page.nextCursor ? h('p', { class: 'small' }, `The ${PAGE_SIZE} longest overdue are shown. `, h('a', { href: `/${qs(DUE_QUERY)}` }, 'See all in the claim list')) : null;
  const notice = takeFlash();
  replace(main, notice, h('h1', null, 'Needs resolution'), intro, h('p', { class: 'result-count' }, `${page.items.length}${page.nextCursor ? '+' : ''} overdue`), list, more);
  notice?.setAttribute('tabindex', '-1');
  notice?.focus({ preventScroll: true });
}
