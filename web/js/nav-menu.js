/**
 * The nav on narrow screens: one line (brand and a "Menu" button) that opens the links below
 * it. On wide screens the button is hidden by CSS and the links always show.
 */
import { afterRender } from './router.js';

export function startNavMenu() {
  const nav = document.querySelector('.site-header nav');
  const toggle = nav?.querySelector('.nav-toggle');
  if (!nav || !toggle) return;
  const set = (open) => {
    nav.classList.toggle('open', open);
    toggle.setAttribute('aria-expanded', String(open));
  };
  toggle.addEventListener('click', () => set(!nav.classList.contains('open')));
  nav.addEventListener('keydown', (e) => {
    if (e instanceof KeyboardEvent && e.key === 'Escape' && nav.classList.contains('open')) {
      set(false);
      /** @type {HTMLElement} */ (toggle).focus();
    }
  });
  // A page shown closes the menu (whichever way it was reached).
  afterRender(() => set(false));
  mirrorDueBadge(toggle);
}

/** The Needs-resolution count, hidden with the collapsed links, repeated on the Menu button. */
function mirrorDueBadge(toggle) {
  const source = document.getElementById('due-badge');
  if (!source) return;
  const copy = document.createElement('span');
  copy.className = 'nav-badge';
  copy.hidden = true;
  toggle.append(copy);
  const sync = () => {
    copy.replaceChildren(...Array.from(source.childNodes, (n) => n.cloneNode(true)));
    copy.hidden = source.hidden;
  };
  new MutationObserver(sync).observe(source, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['hidden'] });
  sync();
}
