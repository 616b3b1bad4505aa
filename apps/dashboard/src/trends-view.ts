import { get } from './api';
import { figure, trendChart, type Point } from './charts';
import { fmt, type Row } from './format';
import { $, num, orSuppressed, params, refused } from './dom';
import type { Query, Trend } from './types';

/** The trend on screen, checked again every few seconds with If-None-Match, so an idle page costs a 304. */
let poll: { path: string; etag: string | null; body: Trend | null; timer: number | undefined; polls: number; notModified: number } = {
  path: '', etag: null, body: null, timer: undefined, polls: 0, notModified: 0,
};

export function trendPath(q: Query | null, format?: string): string {
  if (!q) return '';
  const query: Record<string, string> = { ...q, interval: $<HTMLSelectElement>('trend-interval').value };
  if (format) query.format = format;
  return `/v1/trends/${encodeURIComponent($<HTMLSelectElement>('trend-indicator').value)}?${params(query)}`;
}

export async function showTrend(q: Query): Promise<void> {
  stopTrend();
  poll = { path: trendPath(q), etag: null, body: null, timer: undefined, polls: 0, notModified: 0 };
  await pollTrend();
  const seconds = Math.max(2, Number($<HTMLInputElement>('trend-poll').value) || 30);
  poll.timer = window.setInterval(() => void pollTrend(), seconds * 1000);
}

export function stopTrend(): void {
  window.clearInterval(poll.timer);
}

export function clearTrend(): void {
  stopTrend();
  poll.body = null;
  $('trends-body').replaceChildren();
  $('trend-poll-status').textContent = '';
}

export function renderTrend(): void {
  if (poll.body) $('trends-body').replaceChildren(trendFigure(poll.body));
}

async function pollTrend(): Promise<void> {
  const t = poll;
  const answer = await get<Trend>(t.path, { etag: t.etag });
  if (t !== poll) return;
  t.polls += 1;
  const at = new Date().toLocaleTimeString('en-GB');
  if (answer.status === 304) {
    t.notModified += 1;
    $('trend-poll-status').textContent = `Checked at ${at}: unchanged (304), ${t.notModified} of ${t.polls} checks.`;
    return;
  }
  if (!answer.body) {
    stopTrend();
    return refused(answer.status, answer.problem);
  }
  t.etag = answer.etag;
  t.body = answer.body;
  $('trend-poll-status').textContent = `Checked at ${at}: new figures. The trend is checked again every ${$<HTMLInputElement>('trend-poll').value} seconds.`;
  renderTrend();
}

function estimatesOf(value: unknown): Array<Omit<Point, 'date' | 'period'>> {
  const one = (v: Record<string, unknown>): Omit<Point, 'date' | 'period'> => ({
    series: String(v.group ?? (v.focalGroup ? `${String(v.focalGroup)} / ${String(v.referenceGroup)}` : `${String(v.numeratorGroup)} / ${String(v.denominatorGroup)}`)),
    estimate: (v.rate ?? v.ratio ?? null) as number | null, lower: (v.lower ?? null) as number | null, upper: (v.upper ?? null) as number | null,
    suppressed: v.suppressed === true || (v.rate ?? v.ratio ?? null) === null,
  });
  if (Array.isArray(value)) return value.map((v) => one(v as Record<string, unknown>));
  if (value && typeof value === 'object') return [one(value as Record<string, unknown>)];
  return [];
}

function trendFigure(trend: Trend): HTMLElement {
  const points: Point[] = trend.points.flatMap((p) => estimatesOf(p.value).map((e) => ({ ...e, period: p.period, date: new Date(`${p.from}T00:00:00Z`) })));
  const series = [...new Set(points.map((p) => p.series))];
  const isRatio = !trend.indicator.endsWith('-rate');
  const name = $<HTMLSelectElement>('trend-indicator').selectedOptions[0]?.textContent ?? trend.indicator;
  const yLabel = isRatio ? '↑ Ratio (1 = equality)' : '↑ Per 100 person-years';
  const rows: Row[] = points.map((p) => [{ text: p.period }, { text: p.series }, orSuppressed(p.suppressed, num(p.estimate)), orSuppressed(p.suppressed, num(p.lower)), orSuppressed(p.suppressed, num(p.upper))]);
  const hidden = points.filter((p) => p.suppressed).length;
  const alt = `${name} for each ${$<HTMLSelectElement>('trend-interval').value}, ${trend.points[0]?.period ?? ''} to ${trend.points.at(-1)?.period ?? ''}, with 95% bands. `
    + series.map((s) => `${s}: ${points.filter((p) => p.series === s).map((p) => `${p.period} ${p.suppressed ? 'suppressed' : fmt(p.estimate)}`).join(', ')}`).join('. ')
    + (hidden ? `. ${hidden} points are suppressed, shown as gaps with a cross on the axis.` : '.');
  return figure(`${name} over time (${trend.disclosure})`, trendChart(points, { y: yLabel, reference: isRatio ? 1 : undefined, series }), alt,
    ['Period', 'Series', 'Estimate', 'Lower 95%', 'Upper 95%'], rows, 'trend');
}
