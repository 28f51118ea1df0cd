/** The chart palette read from the page's CSS custom properties (light or dark scheme). */
import { LIGHT } from './palette.js';

/** @returns {import('./palette.js').Theme} */
export function readTheme() {
  const css = getComputedStyle(document.documentElement);
  const v = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  return {
    bg: v('--bg', LIGHT.bg),
    fg: v('--fg', LIGHT.fg),
    muted: v('--muted', LIGHT.muted),
    grid: v('--grid', LIGHT.grid),
    border: v('--border', LIGHT.border),
    font: v('--font', LIGHT.font),
    series: LIGHT.series.map((c, i) => v(`--series-${i + 1}`, c)),
    status: Object.fromEntries(Object.entries(LIGHT.status).map(([k, c]) => [k, v(`--status-${k}`, c)])),
    stance: { asserts: v('--stance-asserts', LIGHT.stance.asserts), denies: v('--stance-denies', LIGHT.stance.denies) },
    bearing: Object.fromEntries(Object.entries(LIGHT.bearing).map(([k, c]) => [k, v(`--ev-${k}`, c)])),
    deadline: v('--line-deadline', LIGHT.deadline),
  };
}
