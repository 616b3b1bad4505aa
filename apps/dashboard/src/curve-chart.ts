import * as Plot from '@observablehq/plot';
import { HATCH, PALETTE, width } from './charts';
import { stepsOf, type CurvePoint, type Withheld } from './curve-steps';
import { fmt } from './format';

export interface CheckpointMark { arm: string; month: number; estimate: number }

/**
 * Each arm's curve with its 95% band as a step function of months since time zero; the checkpoints as
 * dashed lines with each arm's headline estimate on them; withheld stretches as hatched boxes.
 */
export function curveChart(points: readonly CurvePoint[], options: { arms: string[]; start: 0 | 1; horizonMonths: number; checkpoints: CheckpointMark[]; months: number[]; y: string }): Element {
  const tracks = options.arms.map((arm) => stepsOf(arm, points.filter((p) => p.arm === arm), options.start));
  const steps = tracks.flatMap((t) => t.steps);
  const withheld = tracks.flatMap((t) => t.withheld);
  const values = [...steps.flatMap((s) => [s.y, s.lo, s.up]), ...withheld.flatMap((w) => [w.y1, w.y2]), options.start].filter((v) => Number.isFinite(v));
  const lo = options.start === 1 ? Math.max(0, Math.floor((Math.min(...values) - 0.02) * 20) / 20) : 0;
  const hi = options.start === 1 ? 1 : Math.min(1, Math.ceil((Math.max(...values) + 0.02) * 20) / 20);
  const color = { domain: options.arms, range: PALETTE.slice(0, options.arms.length), legend: true };
  const w = width();
  // Below 600 pixels the month ticks say enough: the checkpoints' own labels would collide.
  const labels = w >= 600 ? [Plot.text(options.months, { x: (m: number) => m, frameAnchor: 'top', dy: -14, text: (m: number) => `${m} mo`, fill: '#1a1a1a', className: 'checkpoint-label' })] : [];
  return Plot.plot({
    width: w,
    height: 340,
    marginLeft: 56,
    marginTop: 28,
    x: { domain: [0, options.horizonMonths], label: 'Months since time zero →', grid: true, ticks: monthTicks(options.horizonMonths) },
    y: { domain: [lo, hi], label: options.y, grid: true, tickFormat: '.0%' },
    color,
    style: { fontSize: '13px', color: '#1a1a1a', background: '#ffffff' },
    marks: [
      Plot.ruleX(options.months, { stroke: '#505a5f', strokeDasharray: '4,4', className: 'checkpoint' }),
      ...labels,
      Plot.areaY(steps, { x: 'month', y1: 'lo', y2: 'up', z: 'arm', fill: 'arm', fillOpacity: 0.16, curve: 'step-after', className: 'band' }),
      Plot.lineY(steps, { x: 'month', y: 'y', z: 'arm', stroke: 'arm', strokeWidth: 2.5, curve: 'step-after', className: 'curve' }),
      Plot.rect(withheld, { x1: 'from', x2: 'to', y1: 'y1', y2: 'y2', fill: HATCH, stroke: 'arm', strokeWidth: 1.5, insetTop: -3, insetBottom: -3, className: 'withheld', title: (w: Withheld) => `${w.arm}: suppressed from month ${fmt(w.from, 1)} to ${fmt(w.to, 1)}` }),
      Plot.dot(options.checkpoints, { x: 'month', y: 'estimate', fill: 'arm', stroke: '#1a1a1a', strokeWidth: 1.5, r: 5, symbol: 'diamond', className: 'headline-mark', title: (c: CheckpointMark) => `${c.arm} at ${c.month} months: ${fmt(c.estimate, 3)}` }),
    ],
  });
}

function monthTicks(horizon: number): number[] {
  const step = horizon <= 24 ? 3 : horizon <= 60 ? 6 : 12;
  return Array.from({ length: Math.floor(horizon / step) + 1 }, (_, i) => i * step);
}
