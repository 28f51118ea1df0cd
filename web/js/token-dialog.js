/** An accessible dialog asking for an API token when a request answers 401. */
import { h } from './dom.js';

let pending = null;

/**
 * Show the dialog (once, however many requests are waiting) and resolve with the token,
 * or null when the user cancels.
 * @param {string} [detail] the server's explanation
 * @returns {Promise<string | null>}
 */
export function askForToken(detail) {
  if (pending) return pending;
  pending = new Promise((resolve) => {
    const input = h('input', { id: 'api-token', name: 'token', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': 'api-token-hint' });
    const dialog = h(
      'dialog',
      { 'aria-labelledby': 'token-title' },
      h(
        'form',
        { method: 'dialog' },
        h('h2', { id: 'token-title' }, 'An API token is needed'),
        h('p', { id: 'api-token-hint' }, detail || 'This server records only what comes with an API token, so that every entry says who made it.', ' Ask whoever runs this server for one; on its machine, `npx reckon token create --name NAME --source YOUR-SOURCE-ID` makes one. The token is kept for this browser tab only.'),
        h('div', { class: 'field' }, h('label', { for: 'api-token' }, 'API token'), input),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', value: 'ok' }, 'Use this token'), h('button', { type: 'submit', value: 'cancel', formnovalidate: true }, 'Cancel')),
      ),
    );
    dialog.addEventListener('close', () => {
      const token = dialog.returnValue === 'ok' ? input.value.trim() : '';
      dialog.remove();
      pending = null;
      resolve(token || null);
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
  return pending;
}
