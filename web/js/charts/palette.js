/**
 * The chart palette as plain data. In the browser it is read from the CSS custom properties
 * (theme.js), so light and dark schemes share one source; these light values are the default
 * for pure callers such as the unit tests.
 */

/** @typedef {typeof LIGHT} Theme */
export const LIGHT = {
  bg: '#ffffff',
  fg: '#1b1f24',
  muted: '#57606a',
  grid: 'rgba(27, 31, 36, 0.12)',
  border: '#d0d7de',
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  series: ['#0072b2', '#d55e00', '#00876a', '#b8569a', '#b57d00', '#3d8fc4', '#6b5b95', '#5f6b76'],
  status: { open: '#57606a', confirmed: '#1a7f37', refuted: '#c0262d', annulled: '#7a4fd0', unresolvable: '#9a6700', resolved: '#1a7f37' },
  stance: { asserts: '#0072b2', denies: '#d55e00' },
  bearing: { supports: '#1a7f37', contradicts: '#c0262d', context: '#6e7781' },
  deadline: '#57606a',
};

/** `#rrggbb` (or any colour Chart.js takes) with an alpha; non-hex colours are returned as they are. */
export function withAlpha(color, alpha) {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return color;
  const n = parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** The i-th series colour, cycling. */
export function seriesColor(theme, i) {
  return theme.series[i % theme.series.length];
}
