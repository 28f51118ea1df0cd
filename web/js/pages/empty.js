/** What a new, empty database shows: how to log the first claim, and the demo case. */
import { api, ApiProblem } from '../api.js';
import { h } from '../dom.js';
import { navigate } from '../router.js';
import { forgetSources } from '../sources.js';

export function emptyState() {
  const status = h('p', { role: 'status', class: 'small' });
  const button = h('button', { type: 'button' }, 'Load the demo case');
  button.addEventListener('click', async () => {
    button.setAttribute('disabled', '');
    status.textContent = 'Loading the demo case…';
    try {
      const { events } = await api('/api/demo', { method: 'POST', body: {} });
      forgetSources();
      status.textContent = `Loaded ${events} events.`;
      await navigate('/', { replace: true });
    } catch (err) {
      status.textContent = err instanceof ApiProblem && err.status === 409 ? 'The database is no longer empty, so the demo case was not loaded.' : `The demo case could not be loaded: ${err instanceof Error ? err.message : err}`;
      button.removeAttribute('disabled');
    }
  });
  return h(
    'section',
    { class: 'empty', 'aria-labelledby': 'empty-title' },
    h('h2', { id: 'empty-title' }, 'No claims yet'),
    h('p', null, 'Reckon keeps a tamper-evident record of predictions and allegations, and shows how they turned out.'),
    h(
      'ol',
      null,
      h('li', null, h('a', { href: '/claims/new' }, 'Log a claim'), ': a prediction ("70% that X happens by 30 June") or an allegation ("Source S says X happened"), with the criteria that will decide it.'),
      h('li', null, 'Add forecasts, the stances of sources and evidence as they come in.'),
      h('li', null, 'Resolve it when the outcome is known; calibration, track records and the overview follow.'),
    ),
    h('div', { class: 'actions' }, h('a', { class: 'button primary', href: '/claims/new' }, 'Log the first claim'), button),
    h('p', { class: 'muted small' }, 'The demo case: North Korean munitions and troops for Russia’s war in Ukraine, 2022–2025 — seven claims from governments, a UN panel and Metaculus.'),
    status,
  );
}
