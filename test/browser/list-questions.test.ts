/**
 * The claims list (web/js/pages/claims.js, claim-row.js) for questions that are not yes/no
 * (issue 17): a multiple-choice question shows its leading option and share, a numeric one its
 * median and central half, where the list used to say "No forecasts yet". Screenshots at 1280
 * and 390 px go to test-artifacts/screenshots and /tmp/list17-*.png.
 */
import { describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, postJson as post, screenshot, settle, useBrowserPage, visit } from './harness.js';

const LINEAR = Array.from({ length: 201 }, (_, i) => i / 200);

describe.skipIf(!HAS_CHROMIUM)('the claims list and questions that are not yes/no', () => {
  const ui = useBrowserPage();

  it('shows the leading option of a multiple-choice forecast and the median and 50 % range of a numeric one', async () => {
    const api = (path: string, body: unknown) => post(ui.page.request, `${ui.base}/api${path}`, body);
    await api('/sources', { id: 'ana', name: 'Ana Forecaster', type: 'person' });
    const base = { kind: 'prediction', statement: 'S', resolutionCriteria: 'As reported.', deadline: '2031-01-01' };
    await api('/claims', { ...base, id: 'eurovision', title: 'Who wins Eurovision 2031?', questionType: 'multiple-choice', options: ['Sweden', 'Austria', 'Israel'] });
    await api('/claims/eurovision/forecasts', { sourceId: 'ana', probabilities: [0.2, 0.45, 0.35] });
    await api('/claims', { ...base, id: 'visitors', title: 'How many visitors in 2031?', questionType: 'numeric', range: { min: 0, max: 20000 } });
    await api('/claims/visitors/forecasts', { sourceId: 'ana', cdf: LINEAR });
    await api('/claims', { ...base, id: 'empty', title: 'A question nobody forecast', questionType: 'numeric', range: { min: 0, max: 10 } });

    await visit(ui.page, `${ui.base}/`);
    const row = (title: string) => ui.page.locator('li.claim-row', { hasText: title });
    await expect.poll(() => row('Who wins Eurovision').locator('.claim-side').innerText()).toContain('Ana Forecaster Austria 45%');
    const numeric = await row('How many visitors').locator('.claim-side').innerText();
    expect(numeric).toContain('median 10,000');
    expect(numeric).toContain('50 %: 5,000–15,000');
    expect(numeric).not.toContain('No forecasts yet');
    expect(await row('nobody forecast').locator('.claim-side').innerText()).toContain('No forecasts yet');

    for (const width of [1280, 390]) {
      await ui.page.setViewportSize({ width, height: 900 });
      await settle(ui.page);
      await screenshot(ui.page, `list17-claims-${width}`);
      await ui.page.screenshot({ path: `/tmp/list17-claims-${width}.png`, fullPage: true });
    }
    expect(ui.watch.errors).toEqual([]);
    expect(ui.watch.foreign).toEqual([]);
  });
});
