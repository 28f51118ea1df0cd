/**
 * A time axis on a linear scale (numeric epoch ms), so no date adapter is needed: ticks at
 * whole days, months or years, labelled in UTC.
 */

const DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Candidate steps, finest first. */
const STEPS = [
  { unit: 'day', n: 1 },
  { unit: 'day', n: 2 },
  { unit: 'day', n: 7 },
  { unit: 'day', n: 14 },
  { unit: 'month', n: 1 },
  { unit: 'month', n: 2 },
  { unit: 'month', n: 3 },
  { unit: 'month', n: 6 },
  { unit: 'year', n: 1 },
  { unit: 'year', n: 2 },
  { unit: 'year', n: 5 },
  { unit: 'year', n: 10 },
  { unit: 'year', n: 25 },
  { unit: 'year', n: 50 },
  { unit: 'year', n: 100 },
];

const APPROX = { day: DAY, month: 30.44 * DAY, year: 365.25 * DAY };

function ticksFor(min, max, { unit, n }) {
  const out = [];
  const start = new Date(min);
  let y = start.getUTCFullYear();
  let m = start.getUTCMonth();
  if (unit === 'day') {
    for (let t = Math.ceil(min / DAY) * DAY; t <= max; t += n * DAY) out.push(t);
    return out;
  }
  if (unit === 'year') {
    y = Math.ceil(y / n) * n;
    m = 0;
  } else m = Math.ceil(m / n) * n;
  for (;;) {
    const t = Date.UTC(y, m, 1);
    if (t > max) break;
    if (t >= min) out.push(t);
    if (unit === 'year') y += n;
    else m += n;
  }
  return out;
}

/**
 * Tick positions between `min` and `max` (epoch ms) at the finest calendar step that gives
 * at most `maxCount` ticks: whole days, weeks, months, quarters or years.
 * @returns {{ unit: 'day' | 'month' | 'year', values: number[] }}
 */
export function niceTimeTicks(min, max, maxCount = 8) {
  if (!(max > min)) return { unit: 'day', values: [min] };
  // A narrow chart may fit no step with two ticks: then the finest step with one tick will do.
  let single = null;
  for (const step of STEPS) {
    if ((max - min) / (APPROX[step.unit] * step.n) > maxCount + 1) continue;
    const values = ticksFor(min, max, step);
    if (values.length <= maxCount && values.length >= 2) return { unit: step.unit, values };
    if (values.length === 1 && !single) single = { unit: step.unit, values };
  }
  if (single) return single;
  const last = STEPS[STEPS.length - 1];
  return { unit: last.unit, values: ticksFor(min, max, last) };
}

/** A tick label for the unit: "13 Oct", "Oct 2023", "2023" (UTC). A day tick on 1 Jan shows its year. */
export function formatTimeTick(ms, unit) {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (unit === 'year') return String(year);
  if (unit === 'month') return d.getUTCMonth() === 0 ? `Jan ${year}` : `${MONTHS[d.getUTCMonth()]} ${year}`;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}${d.getUTCMonth() === 0 && d.getUTCDate() === 1 ? ` ${year}` : ''}`;
}

/**
 * Chart.js scale options for a linear x axis over epoch ms with calendar ticks. The tick
 * count follows the chart's width (about one label per 90 px).
 */
export function timeScale({ min, max, title, color, grid }) {
  let unit = 'day';
  return {
    type: 'linear',
    min,
    max,
    title: { display: Boolean(title), text: title, color, font: { weight: '600' } },
    grid: { color: grid },
    ticks: {
      color,
      autoSkip: false,
      maxRotation: 0,
      // Day ticks carry the year on the first tick and wherever the year changes.
      callback: (value, index, ticks) => {
        const text = formatTimeTick(Number(value), unit);
        if (unit !== 'day' || /\d{4}/.test(text)) return text;
        const year = new Date(Number(value)).getUTCFullYear();
        const prev = index > 0 ? new Date(Number(ticks[index - 1].value)).getUTCFullYear() : null;
        return prev === year ? text : `${text} ${year}`;
      },
    },
    afterBuildTicks: (scale) => {
      const width = scale.chart?.width ?? 640;
      const nice = niceTimeTicks(scale.min, scale.max, Math.max(2, Math.floor(width / 90)));
      unit = nice.unit;
      scale.ticks = nice.values.map((value) => ({ value }));
    },
  };
}
