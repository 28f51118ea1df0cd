/**
 * Rough edges a new user hit on the claim pages (issue 15 §3): a new source registered once
 * however often the form is refused, and a warning when its name is taken; actions offered
 * only when they can succeed; the forecaster remembered; phone widths.
 */
import { describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, postJson as post, screenshot, unique, useBrowserPage, visit, watch } from './harness.js';

describe.skipIf(!HAS_CHROMIUM)('rough edges of the claim pages', () => {
  // The demo case: scored sources, so the leaderboard has its wide table (390 px test).
  const ui = useBrowserPage({ timeout: 8000, demo: true });

  /** Every source with this name (case-insensitive). */
  async function sourcesNamed(name: string) {
    const page1 = await (await ui.page.request.get(`${ui.base}/api/sources?limit=200`)).json();
    return (page1.items as Array<{ id: string; name: string }>).filter((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  it('new-claim form: "+ New source…" is registered once however many times the forecast is refused', async () => {
    const name = unique('Alice');
    await visit(ui.page, `${ui.base}/claims/new`);
    await ui.page.getByLabel('Title').fill(`Retry ${unique('t')}`);
    await ui.page.getByLabel('Statement').fill('It will happen.');
    await ui.page.getByLabel('Resolution criteria').fill('Confirmed if it happens.');
    await ui.page.getByLabel('Deadline').fill('2030-01-01');
    await ui.page.getByLabel('A forecast').check();
    await ui.page.locator('form select[name="sourceId"]').selectOption('__new');
    await ui.page.getByLabel('New source name').fill(name);
    // A refusal from the server (a note over its 5000 characters); a bad probability is now refused before anything is sent.
    await ui.page.getByLabel('Probability it will be confirmed (%)').fill('70');
    await ui.page.getByLabel('Note (optional)').fill('x'.repeat(5001));
    for (let i = 0; i < 2; i++) {
      await ui.page.locator('form button[type="submit"]').click();
      await ui.page.locator('.form-summary').waitFor();
      await ui.page.waitForFunction(() => !document.querySelector('form[aria-busy="true"]'));
    }
    expect(await sourcesNamed(name)).toHaveLength(1);
    await ui.page.getByLabel('Note (optional)').fill('');
    await ui.page.getByRole('button', { name: 'Record and open the claim' }).click();
    await ui.page.waitForURL(/\/claims\/(?!new)/);
    const named = await sourcesNamed(name);
    expect(named).toHaveLength(1);
    const claim = await (await ui.page.request.get(`${ui.base}/api/claims/${ui.page.url().split('/').pop()}`)).json();
    expect(claim.forecasts.map((f: { sourceId: string; probability: number }) => [f.sourceId, f.probability])).toEqual([[named[0]?.id, 0.7]]);
    expect(ui.watch.errors.filter((e) => !/400/.test(e))).toEqual([]);
    ui.watch.errors.length = 0; // the refusals' 400s were expected
  });

  it('new source: warns when the name matches an existing source and offers to use it', async () => {
    const name = unique('Bob');
    const bob = await post(ui.page.request, `${ui.base}/api/sources`, { name, type: 'person' });
    await visit(ui.page, `${ui.base}/claims/new`);
    await ui.page.getByLabel('A forecast').check();
    await ui.page.locator('form select[name="sourceId"]').selectOption('__new');
    const warning = ui.page.locator('.source-picker .name-taken');
    await ui.page.getByLabel('New source name').fill(`${name}x`);
    expect(await warning.isVisible()).toBe(false);
    await ui.page.getByLabel('New source name').fill(` ${name.toUpperCase()} `);
    await warning.waitFor();
    expect(await warning.textContent()).toContain(`A source named “${name}” already exists`);
    await screenshot(ui.page, 'new-source-name-taken-1280');
    await warning.getByRole('button', { name: `Use ${name}` }).click();
    expect(await ui.page.locator('form select[name="sourceId"]').inputValue()).toBe(bob.id);
    expect(await ui.page.getByLabel('New source name').isVisible()).toBe(false);
  });

  it('a resolved claim offers "Retract…" only on evidence, and says why its forecasts and stances are not offered', async () => {
    const source = (await post(ui.page.request, `${ui.base}/api/sources`, { name: unique('Carol'), type: 'forecaster' })).id;
    const claim = await post(ui.page.request, `${ui.base}/api/claims`, { kind: 'prediction', title: `Resolved ${unique('q')}`, statement: 'S', resolutionCriteria: 'C', deadline: '2030-01-01' });
    const base = `${ui.base}/api/claims/${claim.id}`;
    await post(ui.page.request, `${base}/forecasts`, { sourceId: source, probability: 0.6 });
    await post(ui.page.request, `${base}/stances`, { sourceId: source, stance: 'asserts', date: '2024-05-01' });
    await post(ui.page.request, `${base}/evidence`, { bearing: 'supports', summary: 'A report', date: '2024-05-02' });
    await visit(ui.page, `${ui.base}/claims/${claim.id}`);
    // Open: every one of them can be retracted.
    expect(await ui.page.locator('.history').getByRole('button', { name: /^Retract/ }).count()).toBe(3);
    await post(ui.page.request, `${base}/resolution`, { outcome: 'confirmed', knownOn: new Date().toISOString() });
    await visit(ui.page, `${ui.base}/claims/${claim.id}`);
    const buttons = ui.page.locator('.history').getByRole('button', { name: /^Retract/ });
    expect(await buttons.count()).toBe(1);
    expect(await ui.page.locator('.history li.ev-evidence').getByRole('button', { name: /^Retract/ }).count()).toBe(1);
    expect(await ui.page.locator('#history-h ~ *').first().textContent()).toContain("A resolved claim's forecasts and stances cannot be retracted; reopen the claim first.");
    // What is offered works.
    await buttons.click();
    const dialog = ui.page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('Misread the report.');
    await dialog.getByRole('button', { name: 'Retract', exact: true }).click();
    await ui.page.locator('.history li.ev-evidence.retracted').waitFor();
    expect(ui.watch.errors).toEqual([]);
  });

  it('the forecaster select keeps the last choice after a forecast and on the next visit (per browser)', async () => {
    const [a, b] = [await post(ui.page.request, `${ui.base}/api/sources`, { name: unique('Dana'), type: 'forecaster' }), await post(ui.page.request, `${ui.base}/api/sources`, { name: unique('Eve'), type: 'forecaster' })];
    const claim = await post(ui.page.request, `${ui.base}/api/claims`, { kind: 'prediction', title: `Remember ${unique('q')}`, statement: 'S', resolutionCriteria: 'C', deadline: '2030-01-01' });
    await visit(ui.page, `${ui.base}/claims/${claim.id}`);
    const forecaster = ui.page.locator('.action-panels').getByLabel('Forecaster');
    // Nothing remembered yet: no forecaster chosen for the user (two to choose from).
    expect(await forecaster.inputValue()).toBe('');
    expect(await forecaster.locator('option').allTextContents()).toEqual(expect.arrayContaining([a.name, b.name]));
    await forecaster.selectOption(b.id);
    await ui.page.getByLabel('Probability it will be confirmed (%)').fill('60');
    await ui.page.getByRole('button', { name: 'Record the forecast' }).click();
    await ui.page.locator('.history li.ev-forecast').waitFor();
    expect(await ui.page.locator('.action-panels').getByLabel('Forecaster').inputValue()).toBe(b.id);
    await visit(ui.page, `${ui.base}/claims/${claim.id}`);
    expect(await ui.page.locator('.action-panels').getByLabel('Forecaster').inputValue()).toBe(b.id);
    expect(ui.watch.errors).toEqual([]);
  });

  it('at 390 px: the nav collapses to one line with a menu; wide tables scroll inside a cued box; "Record" comes before the history', async () => {
    const phone = await (await ui.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    const pw = await watch(phone, ui.base);
    phone.setDefaultTimeout(8000);
    const claim = await post(phone.request, `${ui.base}/api/claims`, { kind: 'prediction', title: `Phone ${unique('q')}`, statement: 'S', resolutionCriteria: 'C', deadline: '2030-01-01' });
    await post(phone.request, `${ui.base}/api/claims`, { kind: 'prediction', title: `Overdue ${unique('q')}`, statement: 'S', resolutionCriteria: 'C', deadline: '2024-01-01' });
    await visit(phone, `${ui.base}/claims/${claim.id}`);
    await screenshot(phone, 'claim-phone-390');
    // The header is one line (brand and a menu button), and the menu opens the links.
    expect(await phone.locator('.site-header').evaluate((e) => e.getBoundingClientRect().height)).toBeLessThan(64);
    const menu = phone.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    // The Needs-resolution badge, hidden with the links, is repeated on the button (an overdue claim was logged above).
    await expect.poll(() => phone.locator('#due-badge').textContent()).toMatch(/^[1-9]\d*\+? overdue$/);
    const due = (await phone.locator('#due-badge').textContent()) ?? '';
    expect(await menu.locator('.nav-badge').isVisible()).toBe(true);
    expect(await menu.locator('.nav-badge').textContent()).toBe(due);
    expect(await phone.getByRole('link', { name: 'Calibration' }).isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await screenshot(phone, 'nav-open-390');
    await phone.getByRole('link', { name: 'Leaderboard' }).click();
    await phone.waitForURL(/\/leaderboard$/);
    await phone.waitForFunction(() => document.querySelector('main table'));
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    // Nothing makes the page itself scroll sideways; a table wider than the screen scrolls in its box, with a cue.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const wide = await phone.locator('main table').evaluateAll((ts) => ts.filter((t) => t.scrollWidth > 390).map((t) => {
      const box = t.closest('.table-wrap');
      return { wrapped: Boolean(box), cue: box ? getComputedStyle(box).backgroundImage : '' };
    }));
    expect(wide.length).toBeGreaterThan(0);
    for (const t of wide) {
      expect(t.wrapped).toBe(true);
      expect(t.cue).toContain('gradient');
    }
    await screenshot(phone, 'leaderboard-390');
    // On the claim page, the Record panel comes before the history, and a link near the top jumps to it.
    await visit(phone, `${ui.base}/claims/${claim.id}`);
    const top = (sel: string) => phone.locator(sel).evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
    expect(await top('#record-h')).toBeLessThan(await top('#history-h'));
    const jump = phone.getByRole('link', { name: /Record a forecast/ });
    expect(await top('a[href="#record-h"]')).toBeLessThan(844);
    await jump.click();
    expect(await phone.locator('#record-h').evaluate((e) => e.getBoundingClientRect().top)).toBeLessThan(200);
    await screenshot(phone, 'claim-record-390');
    expect(pw.errors).toEqual([]);
    await phone.setViewportSize({ width: 1280, height: 900 });
    await visit(phone, `${ui.base}/claims/${claim.id}`);
    expect(await phone.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
    expect(await phone.getByRole('link', { name: 'Calibration' }).isVisible()).toBe(true);
    await screenshot(phone, 'claim-1280');
    await phone.context().close();
  });
});
