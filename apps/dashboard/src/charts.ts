import * as Plot from '@observablehq/plot';
import { el } from './dom';
import { fmt, pct, type Row } from './format';

/** Colours with at least 3:1 contrast on white (WCAG 1.4.11), told apart also by label and shape. */
export const PALETTE = ['#1d4f91', '#b35806', '#00703c', '#6f3d91', '#505a5f', '#a0005a'];
/** The hatched fill of a suppressed value (a pattern defined once in index.html). */
export const HATCH = 'url(#hatch)';

export interface Estimate {
  label: string;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  suppressed: boolean;
}

let figures = 0;

/**
 * A chart with what every chart here has: a caption, a text alternative (on the SVG and visible), and a
 * button that shows the same figures as a table.
 */
export function figure(caption: string, chart: Element, alt: string, head: string[], rows: Row[], name: string, note?: string): HTMLElement {
  const id = `fig-${++figures}`;
  const fig = el('figure', { 'data-figure': name });
  const cap = el('figcaption', { id: `${id}-cap` }, caption);
  // Plot wraps a chart with a legend in a <figure>: the plot is its direct <svg>, the legend's swatches are small ones.
  const svg = chart.tagName.toLowerCase() === 'svg' ? chart : chart.querySelector(':scope > svg');
  for (const node of chart.querySelectorAll('[aria-label], [aria-description]')) {
    node.removeAttribute('aria-label');
    node.removeAttribute('aria-description');
  }
  for (const swatch of chart.querySelectorAll('svg')) if (swatch !== svg) swatch.setAttribute('aria-hidden', 'true');
  if (svg) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', `${caption}. ${alt}`);
    svg.setAttribute('data-chart', 'true');
  }
  const box = el('div', { class: 'chart' });
  box.append(chart);
  const altText = el('p', { class: 'alt' }, alt);
  const toggle = el('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'aria-controls': `${id}-table` }, 'Show table');
  const wrap = scrollBox(table(caption, head, rows), caption);
  wrap.id = `${id}-table`;
  wrap.hidden = true;
  toggle.addEventListener('click', () => {
    const open = wrap.hidden;
    wrap.hidden = !open;
    box.hidden = open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? 'Show chart' : 'Show table';
  });
  fig.append(cap, box);
  if (note) fig.append(el('p', { class: 'small' }, note));
  fig.append(altText, toggle, wrap);
  return fig;
}

/** A box that scrolls sideways when its table is wider than the screen; keyboard users can focus it to scroll (WCAG 2.1.1). */
export function scrollBox(child: HTMLElement, label: string): HTMLElement {
  return el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': label }, child);
}

export function table(caption: string, head: string[], rows: Row[]): HTMLTableElement {
  const t = el('table');
  t.append(el('caption', {}, caption));
  const thead = el('thead');
  const tr = el('tr');
  for (const h of head) tr.append(el('th', { scope: 'col' }, h));
  thead.append(tr);
  const tbody = el('tbody');
  for (const row of rows) {
    const r = el('tr');
    row.forEach((cell, i) => {
      const c = el(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : {}, cell.text);
      if (cell.num) c.classList.add('num');
      if (cell.suppressed) {
        c.classList.add('suppressed');
        c.setAttribute('data-suppressed', 'true');
      }
      r.append(c);
    });
    tbody.append(r);
  }
  t.append(thead, tbody);
  return t;
}

export function width(): number {
  return Math.max(300, Math.min(1100, (document.querySelector('main')?.clientWidth ?? 800) - 80));
}

/**
 * Estimates with their 95% intervals as dots and whiskers; a suppressed estimate is a hatched band
 * labelled "suppressed" across the axis, never a dot at zero.
 */
export function intervalChart(rows: Estimate[], options: { log?: boolean; reference?: number; x: string }): Element {
  const shown = rows.filter((r) => !r.suppressed && r.estimate !== null);
  const hidden = rows.filter((r) => r.suppressed || r.estimate === null);
  const values = shown.flatMap((r) => [r.estimate, r.lower, r.upper]).filter((v): v is number => v !== null && Number.isFinite(v) && (!options.log || v > 0));
  if (options.reference !== undefined) values.push(options.reference);
  let lo = Math.min(...values, options.log ? 0.5 : 0);
  let hi = Math.max(...values, options.log ? 2 : 1);
  if (!values.length) [lo, hi] = options.log ? [0.5, 2] : [0, 1];
  if (options.log) [lo, hi] = [lo / 1.15, hi * 1.15];
  else hi *= 1.08;
  const x0 = options.log ? lo * 1.02 : lo;
  // Labels wrap upwards on a narrow screen (into the gap above the row) rather than run off the side.
  const w = width();
  const label = { x: x0, y: 'label', text: 'label', textAnchor: 'start' as const, lineAnchor: 'bottom' as const, lineWidth: (w - 44) / 14, dy: -10, fill: '#1a1a1a', stroke: '#ffffff', strokeWidth: 3, paintOrder: 'stroke' as const, fontWeight: 'bold' as const };
  const marks: Plot.Markish[] = [
    Plot.barX(hidden, { x1: lo, x2: hi, y: 'label', fill: HATCH, stroke: '#595959', insetTop: 20, insetBottom: 4 }),
    Plot.text(hidden, { x: options.log ? Math.sqrt(lo * hi) : (lo + hi) / 2, y: 'label', dy: 8, text: () => 'suppressed', fill: '#1a1a1a', stroke: '#ffffff', strokeWidth: 4, paintOrder: 'stroke', fontSize: 13, fontWeight: 'bold' }),
    Plot.ruleY(shown, { x1: 'lower', x2: 'upper', y: 'label', dy: 8, stroke: '#1a1a1a', strokeWidth: 2 }),
    Plot.text(shown, { x: 'lower', y: 'label', dy: 8, text: () => '|', fill: '#1a1a1a', fontWeight: 'bold', fontSize: 16 }),
    Plot.text(shown, { x: 'upper', y: 'label', dy: 8, text: () => '|', fill: '#1a1a1a', fontWeight: 'bold', fontSize: 16 }),
    Plot.dot(shown, { x: 'estimate', y: 'label', dy: 8, r: 5, fill: PALETTE[0], stroke: '#fff', title: (d: Estimate) => `${d.label}: ${fmt(d.estimate)} (${fmt(d.lower)}–${fmt(d.upper)})` }),
    Plot.text(rows, label),
  ];
  if (options.reference !== undefined) marks.unshift(Plot.ruleX([options.reference], { stroke: '#b3261e', strokeDasharray: '5,4', strokeWidth: 2 }));
  const logTicks = [0.1, 0.2, 0.25, 0.5, 1, 2, 4, 5, 10, 20, 50].filter((v) => v >= lo && v <= hi);
  return Plot.plot({
    width: w,
    height: 50 + 56 * rows.length,
    marginLeft: 20,
    marginRight: 24,
    x: options.log
      ? { type: 'log', domain: [lo, hi], label: options.x, grid: true, ticks: logTicks, tickFormat: (v: number) => String(v) }
      : { type: 'linear', domain: [lo, hi], label: options.x, grid: true },
    y: { domain: rows.map((r) => r.label), label: null, axis: null },
    style: { fontSize: '13px', color: '#1a1a1a', background: '#ffffff' },
    marks,
  });
}

export interface Bar { group: string; facet: string; value: number | null; suppressed: boolean; note?: string }

/** Shares as bars per facet (a level, a programme kind); suppressed shares are hatched and labelled. */
export function barChart(rows: Bar[], options: { x: string; facet: string; groups: string[]; max?: number }): Element {
  const shown = rows.filter((r) => !r.suppressed && r.value !== null);
  const hidden = rows.filter((r) => r.suppressed);
  const empty = rows.filter((r) => !r.suppressed && r.value === null);
  const hi = Math.max(options.max ?? 1, ...shown.map((r) => r.value ?? 0));
  const color = { domain: options.groups, range: PALETTE.slice(0, options.groups.length), legend: true };
  return Plot.plot({
    width: width(),
    marginLeft: 110,
    marginRight: 100,
    x: { domain: [0, hi], label: options.x, grid: true, tickFormat: options.max === 1 ? '.0%' : undefined, percent: false },
    y: { domain: options.groups, label: null, axis: null },
    fy: { label: options.facet, padding: 0.15 },
    color,
    style: { fontSize: '13px', color: '#1a1a1a', background: '#ffffff' },
    marks: [
      Plot.barX(shown, { x: 'value', y: 'group', fy: 'facet', fill: 'group' }),
      Plot.text(shown, { x: 'value', y: 'group', fy: 'facet', text: (d: Bar) => `${d.group} ${options.max === 1 ? pct(d.value) : fmt(d.value, 1)}`, textAnchor: 'start', dx: 4, fill: '#1a1a1a' }),
      Plot.barX(hidden, { x1: 0, x2: hi, y: 'group', fy: 'facet', fill: HATCH, stroke: '#595959' }),
      Plot.text(hidden, { x: 0, y: 'group', fy: 'facet', text: (d: Bar) => `${d.group}: suppressed`, textAnchor: 'start', dx: 6, fill: '#1a1a1a', stroke: '#fff', strokeWidth: 4, paintOrder: 'stroke', fontWeight: 'bold' }),
      Plot.text(empty, { x: 0, y: 'group', fy: 'facet', text: (d: Bar) => `${d.group}: ${d.note ?? 'no one'}`, textAnchor: 'start', dx: 6, fill: '#1a1a1a' }),
      Plot.ruleX([0]),
    ],
  });
}

export interface Point { series: string; date: Date; period: string; estimate: number | null; lower: number | null; upper: number | null; suppressed: boolean }

/**
 * A time series per group, with its 95% band; a suppressed point leaves a gap in the line and is
 * marked with a cross on the axis, labelled "suppressed" in its tooltip and in the table.
 */
export function trendChart(points: Point[], options: { y: string; reference?: number; series: string[] }): Element {
  const shown = points.filter((p) => !p.suppressed && p.estimate !== null);
  const hidden = points.filter((p) => p.suppressed || p.estimate === null);
  const values = shown.flatMap((p) => [p.lower, p.upper, p.estimate]).filter((v): v is number => v !== null);
  const hi = Math.max(...values, options.reference ?? 0, 1) * 1.05;
  const gapped = points.map((p) => ({ ...p, y: p.suppressed ? NaN : p.estimate ?? NaN, lo: p.suppressed ? NaN : p.lower ?? NaN, up: p.suppressed ? NaN : p.upper ?? NaN }));
  const color = { domain: options.series, range: PALETTE.slice(0, options.series.length), legend: true };
  const marks: Plot.Markish[] = [
    Plot.areaY(gapped, { x: 'date', y1: 'lo', y2: 'up', fill: 'series', fillOpacity: 0.15, curve: 'linear' }),
    Plot.lineY(gapped, { x: 'date', y: 'y', stroke: 'series', strokeWidth: 2.5, marker: 'circle' }),
    Plot.dot(hidden, { x: 'date', y: 0, symbol: 'times', r: 6, stroke: 'series', strokeWidth: 2.5, title: (p: Point) => `${p.series}, ${p.period}: suppressed` }),
    Plot.ruleY([0]),
  ];
  if (options.reference !== undefined) marks.unshift(Plot.ruleY([options.reference], { stroke: '#b3261e', strokeDasharray: '5,4', strokeWidth: 2 }));
  return Plot.plot({
    width: width(),
    height: 320,
    marginLeft: 50,
    x: { type: 'utc', label: 'Period' },
    y: { domain: [0, hi], label: options.y, grid: true },
    color,
    style: { fontSize: '13px', color: '#1a1a1a', background: '#ffffff' },
    marks,
  });
}
