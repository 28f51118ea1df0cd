/** Boot: start the router and keep the ledger head in the footer. */
import { apiOptional } from './api.js';
import { h, replace } from './dom.js';
import { formatDateTime } from './format.js';
import { afterRender, startRouter } from './router.js';
import { rebuildFigures } from './charts/figure.js';
import { refreshDueBadge } from './due-badge.js';
import { startNavMenu } from './nav-menu.js';

async function showLedgerHead() {
  const slot = document.getElementById('ledger-head');
  if (!slot) return;
  try {
    const head = await apiOptional('/api/checkpoint');
    if (!head || typeof head.hash !== 'string' || !head.seq) {
      slot.replaceChildren();
      return;
    }
    const title = `Head hash ${head.hash}${head.at ? `, checkpoint ${formatDateTime(head.at)}` : ''}${head.signature ? ', signed' : ''}`;
    replace(slot, 'Ledger head: event ', h('span', { class: 'mono', title }, `#${head.seq} · ${head.hash.slice(0, 12)}`));
  } catch {
    slot.replaceChildren();
  }
}

afterRender(() => void showLedgerHead());
afterRender(() => void refreshDueBadge());
window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => rebuildFigures());
startNavMenu();
void startRouter();
