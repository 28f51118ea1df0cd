/**
 * Who said what, and when: a claim's stances and evidence as a timeline in lanes. One lane per
 * source (asserts ▲ and denies ▼, each in its own colour), one lane for evidence (supports ◆,
 * contradicts ✕, context ○, with its Admiralty grade), the check-by date and the resolution as
 * vertical lines. The vertical position only says which lane: a stated confidence is a label
 * beside the mark, never a height. Pure: claim JSON (GET /api/claims/{id}) in, Chart.js config out.
 */
import { BEARING_LABELS, STANCE_LABELS, STATUS_LABELS, VERDICT_LABELS, formatDate, pct, toEpoch, truncate } from '../format.js';
import { LIGHT, withAlpha } from './palette.js';
import { backgroundPlugin, pointLabelsPlugin, verticalLinesPlugin } from './plugins.js';
import { timeScale } from './time-axis.js';
import { nameOf } from './timeline-markers.js';

/** How each kind of mark looks: shape first, so colour is never the only difference. */
export const LANE_MARKS = {
  asserts: { pointStyle: 'triangle', rotation: 0, label: 'Asserts', filled: true },
  denies: { pointStyle: 'triangle', rotation: 180, label: 'Denies', filled: true },
  supports: { pointStyle: 'rectRot', rotation: 0, label: 'Evidence: supports', filled: true },
  contradicts: { pointStyle: 'crossRot', rotation: 0, label: 'Evidence: contradicts', filled: false },
  context: { pointStyle: 'circle', rotation: 0, label: 'Evidence: context', filled: false },
};

export const EVIDENCE_LANE = 'Evidence';
/** Below this chart width (px), lane names go over their lanes rather than beside them. */
export const NARROW = 520;
const DAY = 86_400_000;
/** Offsets (in lanes) for marks that would overlap on the same lane. */
const STACK = [0, -0.27, 0.27];

/** Whether the claim has stances or evidence to put in lanes. */
export function hasLaneData(claim) {
  return claim.stances.some((s) => !s.retracted) || claim.evidence.some((e) => !e.retracted);
}

/**
 * The verdict of a stance on the claim as it stands: right when asserts meets confirmed or
 * denies meets refuted, wrong in the two other cases, pending while open; annulled and
 * unresolvable claims score no stance (DESIGN.md, source track record).
 * @returns {'right' | 'wrong' | 'pending' | 'not-scored'}
 */
export function stanceVerdict(stance, claim) {
  const outcome = claim.resolution?.outcome;
  if (!outcome) return 'pending';
  if (outcome !== 'confirmed' && outcome !== 'refuted') return 'not-scored';
  return (stance.stance === 'asserts') === (outcome === 'confirmed') ? 'right' : 'wrong';
}

/**
 * The earliest live asserting stance's date: when the allegation was first made in the
 * world. The API's `firstAllegedOn` wins when it is there; null when no source asserts it.
 */
export function firstAllegedOn(claim) {
  if (claim.firstAllegedOn) return claim.firstAllegedOn;
  const asserts = claim.stances.filter((s) => s.stance === 'asserts' && !s.retracted).sort((a, b) => toEpoch(a.date) - toEpoch(b.date));
  return asserts[0]?.date ?? null;
}

/** The sources with a live stance, in the order they first spoke (ties by name). */
export function laneSources(claim, names) {
  const first = new Map();
  for (const s of claim.stances) {
    if (s.retracted) continue;
    const t = toEpoch(s.date);
    if (!first.has(s.sourceId) || t < first.get(s.sourceId)) first.set(s.sourceId, t);
  }
  return [...first.entries()].sort((a, b) => a[1] - b[1] || String(nameOf(names, a[0])).localeCompare(String(nameOf(names, b[0])))).map(([id]) => id);
}

/** A stated confidence as words: the estimative phrase, else the probability. */
function statedConfidence(s) {
  if (s.estimative) return `“${s.estimative}”`;
  return s.confidence !== undefined && s.confidence !== null ? `${pct(s.confidence)} sure` : '';
}

const VERDICT_MARK = { right: '✓ right', wrong: '✗ wrong', 'not-scored': 'not scored' };

function stanceItems(claim, lanes, names) {
  const resolved = Boolean(claim.resolution);
  return claim.stances
    .filter((s) => !s.retracted)
    .map((s) => {
      const verdict = stanceVerdict(s, claim);
      const confidence = statedConfidence(s);
      return {
        kind: s.stance,
        x: toEpoch(s.date),
        spanEnd: periodEnd(s.date),
        lane: lanes.indexOf(s.sourceId),
        date: formatDate(s.date),
        series: nameOf(names, s.sourceId),
        value: STANCE_LABELS[s.stance].toLowerCase(),
        confidence,
        verdict,
        tag: [confidence, resolved ? VERDICT_MARK[verdict] : ''].filter(Boolean).join(' · '),
        detail: s.quote ? `“${truncate(s.quote, 120)}”` : '',
      };
    });
}

/**
 * The end (epoch ms, exclusive) of a date known only to the month or the year: `2023-10` →
 * 1 Nov 2023, `2023` → 1 Jan 2024; null for a full date. The mark sits on the period's first
 * day and a bar runs to its end, so "October 2023" is not read as "1 October".
 */
export function periodEnd(date) {
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(String(date));
  if (!m) return null;
  return m[2] ? Date.UTC(Number(m[1]), Number(m[2]), 1) : Date.UTC(Number(m[1]) + 1, 0, 1);
}

/** "B2" from { reliability: 'B', credibility: 2 }; '' when ungraded. */
export function gradeLabel(grade) {
  return grade && grade.reliability ? `${grade.reliability}${grade.credibility ?? ''}` : '';
}

function evidenceItems(claim, lane) {
  return claim.evidence
    .filter((e) => !e.retracted)
    .map((e) => ({
      kind: e.bearing,
      x: toEpoch(e.date),
      spanEnd: periodEnd(e.date),
      lane,
      date: formatDate(e.date),
      series: e.publishedBy ?? EVIDENCE_LANE,
      value: BEARING_LABELS[e.bearing].toLowerCase(),
      grade: gradeLabel(e.grade),
      tag: gradeLabel(e.grade),
      detail: truncate(e.summary, 140),
    }));
}

/** Marks (and their bars) closer than `gap` ms on one lane are moved a little up or down, so none hides another. */
function stack(items, gap) {
  const placed = [];
  return items
    .sort((a, b) => a.x - b.x)
    .map((item) => {
      // Two marks clash when their extents (a month or year's bar included) come within `gap`.
      const clash = (p) => p.x - gap < (item.spanEnd ?? item.x) && item.x - gap < (p.spanEnd ?? p.x);
      const near = placed.filter((p) => p.lane === item.lane && clash(p)).map((p) => p.level);
      const level = STACK.findIndex((_, i) => !near.includes(i));
      const placedItem = { ...item, level: level === -1 ? placed.length % STACK.length : level };
      placed.push(placedItem);
      return { ...placedItem, y: item.lane + STACK[placedItem.level] };
    });
}

function laneDataset(kind, items, color, theme) {
  const m = LANE_MARKS[kind];
  return {
    type: 'scatter',
    label: m.label,
    data: items,
    pointStyle: m.pointStyle,
    rotation: m.rotation,
    pointRadius: 8,
    pointHoverRadius: 10,
    borderWidth: m.filled ? 1 : 3,
    borderColor: m.filled ? theme.bg : color,
    backgroundColor: m.filled ? withAlpha(color, 0.9) : 'rgba(0, 0, 0, 0)',
    // The legend shows the mark in its colour even when the mark itself has a pale outline.
    pointBorderColor: m.filled ? theme.bg : color,
    pointBackgroundColor: m.filled ? color : theme.bg,
    reckon: { kind, labels: true, color },
  };
}

/** The check-by date (or deadline), the resolution and the as-of date as labelled lines. */
export function laneLines(claim, theme = LIGHT) {
  const lines = [];
  const due = claim.deadline ?? claim.checkBy;
  if (due) lines.push({ x: toEpoch(due), label: `${claim.deadline ? 'Deadline' : 'Check by'} ${formatDate(due)}`, color: theme.deadline, dash: [6, 4], kind: claim.deadline ? 'deadline' : 'check-by' });
  if (claim.resolution) {
    const o = claim.resolution.outcome;
    lines.push({ x: toEpoch(claim.resolution.knownOn), label: `${STATUS_LABELS[o]} ${formatDate(claim.resolution.knownOn)}`, color: theme.status[o], kind: 'resolution' });
  }
  if (claim.asOf) lines.push({ x: toEpoch(claim.asOf), label: `As of ${formatDate(claim.asOf)}`, color: theme.fg, dash: [2, 3], kind: 'as-of' });
  return lines;
}

/** The x range of the lanes, padded; a caller may pass one to line this chart up with another. */
export function laneRange(items, lines) {
  const xs = [...items.map((i) => i.x), ...lines.map((l) => l.x)].filter(Number.isFinite);
  if (xs.length === 0) return { min: undefined, max: undefined };
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  if (max - min < DAY) return { min: min - 15 * DAY, max: max + 15 * DAY };
  const pad = Math.max((max - min) * 0.05, 3 * DAY);
  // More room on the right, where the labels of the last marks go.
  return { min: min - pad, max: max + pad * 2.5 };
}

/**
 * Chart.js config for a claim's lanes.
 * @param {any} claim GET /api/claims/{id}
 * @param {import('./palette.js').Theme} [theme]
 * @param {{ sourceNames?: Map<string, string> | Record<string, string>, range?: { min?: number, max?: number }, axisWidth?: (chartWidth: number) => number }} [opts]
 * `range` and `axisWidth` line this chart up with the forecast chart above or below it.
 */
export function lanesChartConfig(claim, theme = LIGHT, { sourceNames = {}, range, axisWidth } = {}) {
  const sources = laneSources(claim, sourceNames);
  const hasEvidence = claim.evidence.some((e) => !e.retracted);
  const lanes = [...sources.map((id) => nameOf(sourceNames, id)), ...(hasEvidence ? [EVIDENCE_LANE] : [])];
  const lines = laneLines(claim, theme);
  const raw = [...stanceItems(claim, sources, sourceNames), ...evidenceItems(claim, sources.length)];
  const { min, max } = range ?? laneRange(raw, lines);
  const items = stack(raw, ((max ?? 0) - (min ?? 0)) / 40 || DAY);
  const colors = { asserts: theme.stance.asserts, denies: theme.stance.denies, ...theme.bearing };
  const datasets = Object.keys(LANE_MARKS)
    .map((kind) => [kind, items.filter((i) => i.kind === kind)])
    .filter(([, data]) => data.length)
    .map(([kind, data]) => laneDataset(kind, data, colors[kind], theme));
  return {
    type: 'scatter',
    data: { datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      // Room above the plot for the vertical lines' labels, a row each at most.
      layout: { padding: { top: 6 + 18 * Math.max(1, lines.length), right: 8 } },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true, color: theme.fg, padding: 14, font: { family: theme.font, size: 12 } } },
        tooltip: {
          callbacks: {
            title: (tip) => tip[0]?.raw?.date ?? '',
            label: (tip) => {
              const p = tip.raw ?? {};
              const what = [`${p.series} ${p.value}`, p.tag].filter(Boolean).join(' — ');
              return p.detail ? `${what} — ${truncate(p.detail, 90)}` : what;
            },
          },
        },
      },
      scales: {
        x: timeScale({ min, max, title: 'Date in the world (UTC)', color: theme.fg, grid: theme.grid }),
        y: { ...laneScale(lanes, theme), ...fixedWidth(axisWidth) },
      },
    },
    plugins: [backgroundPlugin(theme.bg), verticalLinesPlugin(lines, { font: theme.font, background: theme.bg, above: true }), pointLabelsPlugin({ font: theme.font, color: theme.fg, background: theme.bg }), laneTitlesPlugin(lanes, { font: theme.font, color: theme.fg })],
    reckon: { lanes },
  };
}

/**
 * Words wrapped into lines of about `width` characters, at most `maxLines` (the last one
 * cut with an ellipsis). One line comes back as a string, several as an array (Chart.js
 * draws an array as a multi-line tick label).
 */
export function wrapLabel(text, width, maxLines = 3) {
  const lines = [];
  for (const word of String(text).split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  if (lines.length > maxLines) lines.splice(maxLines - 1, lines.length, truncate(lines.slice(maxLines - 1).join(' '), width));
  const cut = lines.map((l) => truncate(l, width + 2));
  return cut.length <= 1 ? (cut[0] ?? '') : cut;
}

/** A y axis that names lanes (top to bottom) and means nothing else: ticks at whole lanes only. */
function laneScale(lanes, theme) {
  return {
    type: 'linear',
    reverse: true,
    min: -0.5,
    max: Math.max(lanes.length, 1) - 0.5,
    grid: { color: theme.grid, drawTicks: false },
    border: { display: false },
    afterBuildTicks: (scale) => {
      scale.ticks = lanes.map((_, i) => ({ value: i }));
    },
    afterFit: (scale) => {
      if ((scale.chart?.width ?? 800) < NARROW) scale.width = 4;
    },
    ticks: {
      color: theme.fg,
      font: { weight: '600' },
      // Long names wrap onto up to three lines; on a phone they go over their lanes instead
      // (laneTitlesPlugin), so the plot keeps the width. The table keeps them whole.
      callback(value) {
        const width = this?.chart?.width ?? 800;
        return width < NARROW ? '' : wrapLabel(lanes[Number(value)] ?? '', 26);
      },
    },
  };
}

/** Chart.js scale options that give an axis a set width (px), as a function of the chart's width. */
export function fixedWidth(axisWidth) {
  if (!axisWidth) return {};
  return {
    afterFit: (scale) => {
      scale.width = axisWidth(scale.chart?.width ?? 800);
    },
  };
}

/** A chart height (px) that gives each lane room (a name over it on a phone), plus the axis, legend and line labels. */
export function lanesHeight(config) {
  const n = config.reckon?.lanes?.length ?? 1;
  const top = config.options?.layout?.padding?.top ?? 24;
  return Math.round(n * 58 + 130 + top);
}

/**
 * On a narrow chart, each lane's name written over its lane, from the plot's left edge
 * (the y axis then keeps no room for names).
 * @param {string[]} lanes
 */
export function laneTitlesPlugin(lanes, { font = 'sans-serif', color = '#1b1f24' } = {}) {
  return {
    id: 'reckonLaneTitles',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      if (chart.width >= NARROW || !scales.y) return;
      const half = Math.abs(scales.y.getPixelForValue(0.5) - scales.y.getPixelForValue(0));
      ctx.save();
      ctx.font = `600 11px ${font}`;
      ctx.fillStyle = color;
      ctx.textBaseline = 'top';
      lanes.forEach((name, i) => ctx.fillText(truncate(name, 48), chartArea.left + 2, scales.y.getPixelForValue(i) - half + 2));
      ctx.restore();
    },
  };
}

const LINE_EVENTS = { deadline: 'Deadline', 'check-by': 'Check by', resolution: 'Resolution', 'as-of': 'As of' };

/** The marks and lines as a table, in date order: what the chart draws, in words. */
export function lanesTable(config, caption = 'Stances and evidence') {
  const rows = [];
  for (const ds of config.data.datasets) {
    for (const p of ds.data) {
      const isStance = p.kind === 'asserts' || p.kind === 'denies';
      rows.push({ x: p.x, cells: [p.date, isStance ? `Stance: ${p.kind}` : `Evidence: ${p.kind}`, isStance ? p.series : EVIDENCE_LANE, isStance ? p.confidence || '—' : p.grade || '—', isStance ? VERDICT_LABELS[p.verdict] : '', isStance ? p.detail : [p.series === EVIDENCE_LANE ? '' : p.series, p.detail].filter(Boolean).join(': ')] });
    }
  }
  const lines = config.plugins.find((p) => p.id === 'reckonVerticalLines')?.lines ?? [];
  for (const l of lines) rows.push({ x: l.x, cells: [formatDate(l.x), LINE_EVENTS[l.kind] ?? l.kind, '', '', '', l.label] });
  rows.sort((a, b) => a.x - b.x);
  return { caption, columns: ['Date', 'Event', 'Lane', 'Stated confidence or grade', 'Verdict', 'Details'], rows: rows.map((r) => r.cells) };
}
