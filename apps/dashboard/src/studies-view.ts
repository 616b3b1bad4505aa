import { get } from './api';
import { figure, intervalChart, scrollBox, table, type Estimate } from './charts';
import { fmt, SUPPRESSED, type Cell, type Row } from './format';
import { curveChart, type CheckpointMark } from './curve-chart';
import { DAYS_PER_MONTH, type CurvePoint } from './curve-steps';
import { $, el, num, orSuppressed, refused } from './dom';
import type { ArmTrajectory, HeadlineCell, StudyReport, StudySummary } from './types';

let shown: StudyReport | null = null;

export function outcomeName(outcome: string): string {
  const level = /^level-(\d+)$/.exec(outcome);
  if (level) return `Reaching level ${level[1]}`;
  return outcome === 'promotion' ? 'First promotion' : outcome === 'exit' ? 'Leaving' : outcome;
}

export function studyPath(format?: string): string {
  const id = $<HTMLSelectElement>('study').value;
  if (!id) return '';
  const path = `/v1/studies/${encodeURIComponent(id)}/report`;
  return format ? `${path}?format=${format}&part=${encodeURIComponent($<HTMLSelectElement>('study-part').value)}` : path;
}

export async function loadStudies(): Promise<void> {
  const answer = await get<{ studies?: StudySummary[] }>('/v1/studies');
  if (!answer.body) return refused(answer.status, answer.problem);
  const list = answer.body.studies ?? [];
  $<HTMLSelectElement>('study').replaceChildren(...list.map((s) => new Option(s.name, s.id)));
  if (!list.length) $('studies-body').replaceChildren(el('p', {}, 'No studies over your organisations yet.'));
}

export async function showStudy(): Promise<void> {
  const path = studyPath();
  if (!path) return;
  const body = $('studies-body');
  body.setAttribute('aria-busy', 'true');
  const answer = await get<StudyReport>(path);
  body.removeAttribute('aria-busy');
  if (!answer.body) return refused(answer.status, answer.problem);
  shown = answer.body;
  renderStudy();
}

export function clearStudies(): void {
  shown = null;
  $('studies-body').replaceChildren();
  $('study').replaceChildren();
}

export function renderStudy(): void {
  const r = shown;
  if (!r) return;
  $('status-disclosure').textContent = `Disclosure: ${r.disclosure}`;
  $('status-asof').textContent = `Study report as of ${r.asOf} · fetched ${new Date().toLocaleString('en-GB')}`;
  const outcomes = [...new Set(r.trajectories.map((t) => t.outcome))];
  $('studies-body').replaceChildren(
    facts(r),
    el('h3', {}, 'Curves by arm'),
    ...outcomes.map((o) => curveFigure(r, o)),
    el('h3', {}, 'Headline table'),
    headlineTable(r),
    el('h3', {}, 'Log-rank tests'),
    logRankTable(r),
    el('h3', {}, 'Rates and rate ratios'),
    rateRatioFigure(r),
    ...(r.adjustedEffects.some((e) => e.arms.length) ? [el('h3', {}, 'Hazard ratios (Cox)'), hazardRatioFigure(r)] : []),
  );
}

function facts(r: StudyReport): HTMLElement {
  const arms = r.arms.map((a) => `${a.name} (${a.suppressed ? 'suppressed' : `${a.size ?? '–'} members`})`).join(', ');
  return el('p', { class: 'report-facts' },
    `${r.name}: report as of ${r.asOf}, ${r.disclosure} (k = ${r.k}), ${r.horizonMonths} months of follow-up. Arms: ${arms}.`);
}

function curveFigure(r: StudyReport, outcome: string): HTMLElement {
  const trajectories = r.trajectories.filter((t) => t.outcome === outcome);
  const arms = trajectories.map((t) => t.arm);
  const survival = trajectories[0]?.estimand === 'survival';
  const points: CurvePoint[] = trajectories.flatMap((t) => t.curve.map((c) => ({ arm: t.arm, days: c.time, estimate: c.estimate, lower: c.lower, upper: c.upper, suppressed: c.suppressed })));
  const cells = r.headline.cells.filter((c) => c.outcome === outcome);
  const marks: CheckpointMark[] = cells.filter((c) => c.estimate !== null && !c.suppressed).map((c) => ({ arm: c.arm, month: c.month, estimate: c.estimate as number }));
  const y = survival ? '↑ Not yet had it (Kaplan–Meier)' : '↑ Cumulative incidence (Aalen–Johansen)';
  const chart = curveChart(points, { arms, start: survival ? 1 : 0, horizonMonths: r.horizonMonths, checkpoints: marks, months: r.headline.months, y });
  const rows: Row[] = trajectories.flatMap((t) => t.curve.map((c) => [
    { text: t.arm }, num(c.time / DAYS_PER_MONTH, 1), orSuppressed(c.atRisk === null, num(c.atRisk, 0)), orSuppressed(c.events === null, num(c.events, 0)),
    orSuppressed(c.suppressed, num(c.estimate, 3)), orSuppressed(c.suppressed, num(c.lower, 3)), orSuppressed(c.suppressed, num(c.upper, 3)),
  ]));
  const withheld = trajectories.reduce((n, t) => n + t.curve.filter((c) => c.suppressed).length, 0);
  const alt = `${outcomeName(outcome)}: ${survival ? 'the share who have not yet had it' : 'the cumulative incidence'} in each arm over ${r.horizonMonths} months, with 95% bands. `
    + arms.map((arm) => `${arm}: ${armSummary(trajectories.find((t) => t.arm === arm)!, cells.filter((c) => c.arm === arm))}`).join('. ')
    + (withheld ? `. ${withheld} curve points are suppressed, drawn as hatched boxes the curve passes through.` : '.');
  const note = 'Lines are the estimates, shading their 95% bands; dashed lines mark the checkpoints, with each arm’s headline estimate as a diamond; a hatched box is a suppressed stretch.';
  return figure(`${outcomeName(outcome)} by arm`, chart, alt, ['Arm', 'Months', 'At risk', 'Events', 'Estimate', 'Lower 95%', 'Upper 95%'], rows, `study-curve-${outcome}`, note);
}

function armSummary(t: ArmTrajectory, cells: HeadlineCell[]): string {
  const size = t.suppressed ? 'size suppressed' : `${t.n ?? '–'} followed`;
  return `${size}; ${cells.map((c) => `${c.month} months ${c.estimate === null ? (c.reason === 'beyond-follow-up' ? 'beyond follow-up' : 'suppressed') : fmt(c.estimate, 3)}`).join(', ')}`;
}

function estimateCell(c: { estimate: number | null; lower: number | null; upper: number | null; suppressed: boolean; reason?: string | null }): Cell {
  if (c.reason === 'beyond-follow-up') return { text: 'beyond follow-up' };
  return orSuppressed(c.suppressed || c.estimate === null, { text: `${fmt(c.estimate, 3)} (${fmt(c.lower, 3)} to ${fmt(c.upper, 3)})`, num: true });
}

function headlineTable(r: StudyReport): HTMLElement {
  const rows: Row[] = r.headline.cells.map((c) => {
    const d = r.headline.differences.find((x) => x.outcome === c.outcome && x.month === c.month && x.arm === c.arm);
    const difference: Cell = !d ? { text: 'reference arm' }
      : orSuppressed(d.difference === null, { text: `${fmt(d.difference, 3)} (${fmt(d.lower, 3)} to ${fmt(d.upper, 3)})`, num: true });
    return [{ text: outcomeName(c.outcome) }, { text: String(c.month), num: true }, { text: c.arm }, estimateCell(c), difference];
  });
  return tableBox('Each arm’s estimate at each checkpoint, with its 95% interval, and its difference from the reference arm',
    ['Outcome', 'Month', 'Arm', 'Estimate (95% CI)', 'Difference from reference (95% CI)'], rows, 'study-headline');
}

function logRankTable(r: StudyReport): HTMLElement {
  const arms = r.arms.map((a) => a.name);
  const rows: Row[] = r.logRank.map((l) => [
    { text: outcomeName(l.outcome) }, { text: l.competingEvents === 'censored' ? 'leaving censored' : 'none' },
    orSuppressed(l.suppressed, num(l.chiSquare, 2)), orSuppressed(l.suppressed, num(l.df, 0)), orSuppressed(l.suppressed, { text: pValue(l.pValue), num: true }),
    ...arms.flatMap((arm) => {
      const a = l.arms.find((x) => x.arm === arm);
      if (l.suppressed || !a) return [SUPPRESSED, SUPPRESSED];
      return [orSuppressed(a.observed === null, num(a.observed, 0)), orSuppressed(a.expected === null, num(a.expected, 1))];
    }),
  ]);
  return tableBox('Log-rank tests of equal curves across the arms', ['Outcome', 'Competing events', 'Chi-square', 'df', 'p', ...arms.flatMap((a) => [`${a} observed`, `${a} expected`])], rows, 'study-log-rank');
}

function rateRatioFigure(r: StudyReport): HTMLElement {
  const rateOf = (arm: string, outcome: string) => r.trajectories.find((t) => t.arm === arm && t.outcome === outcome)?.rate;
  const label = (x: { outcome: string; numerator: string; denominator: string }): string => `${outcomeName(x.outcome)}: ${x.numerator} / ${x.denominator}`;
  const estimates: Estimate[] = r.rateRatios.map((x) => ({ label: label(x), estimate: x.ratio, lower: x.lower, upper: x.upper, suppressed: x.suppressed || x.ratio === null }));
  const rows: Row[] = r.rateRatios.map((x) => {
    const [a, b] = [rateOf(x.numerator, x.outcome), rateOf(x.denominator, x.outcome)];
    return [
      { text: outcomeName(x.outcome) }, { text: x.numerator }, orSuppressed(!a || a.suppressed, num(a?.rate)), { text: x.denominator }, orSuppressed(!b || b.suppressed, num(b?.rate)),
      orSuppressed(x.suppressed, num(x.ratio)), orSuppressed(x.suppressed, num(x.lower)), orSuppressed(x.suppressed, num(x.upper)),
    ];
  });
  const alt = 'Rate ratios of each arm against the reference arm (events per 100 person-years), with exact 95% intervals, on a log scale against the line at 1. '
    + r.rateRatios.map((x) => `${label(x)}: ${x.suppressed ? 'suppressed' : `${fmt(x.ratio)} (${fmt(x.lower)} to ${fmt(x.upper)})`}`).join('; ') + '.';
  return figure('Rate ratios against the reference arm, with exact 95% intervals; the dashed line at 1 is no difference',
    intervalChart(estimates, { log: true, reference: 1, x: 'Rate ratio (log scale) →' }), alt,
    ['Outcome', 'Arm', 'Rate per 100 person-years', 'Compared with', 'Its rate', 'Rate ratio', 'Lower 95%', 'Upper 95%'], rows, 'study-rate-ratios');
}

function hazardRatioFigure(r: StudyReport): HTMLElement {
  const lines = r.adjustedEffects.flatMap((e) => e.arms.flatMap((a) => (['unadjusted', 'adjusted'] as const).map((model) => ({ e, a, model, hr: a[model] }))));
  const label = (l: (typeof lines)[number]): string => `${outcomeName(l.e.outcome)}: ${l.a.arm} / ${l.a.reference}, ${l.model}`;
  const estimates: Estimate[] = lines.map((l) => ({ label: label(l), estimate: l.hr.hazardRatio, lower: l.hr.lower, upper: l.hr.upper, suppressed: l.hr.suppressed || l.hr.hazardRatio === null }));
  const rows: Row[] = lines.map((l) => [
    { text: outcomeName(l.e.outcome) }, { text: l.a.arm }, { text: l.a.reference }, { text: l.model === 'adjusted' ? `adjusted for ${l.e.adjustedFor.join(', ')}` : 'unadjusted' },
    orSuppressed(l.hr.suppressed, num(l.hr.hazardRatio)), orSuppressed(l.hr.suppressed, num(l.hr.lower)), orSuppressed(l.hr.suppressed, num(l.hr.upper)), orSuppressed(l.hr.suppressed, { text: pValue(l.hr.pValue), num: true }),
  ]);
  const alt = 'Cause-specific hazard ratios of each arm against the reference arm from Cox models, unadjusted and adjusted, with 95% intervals on a log scale. '
    + lines.map((l) => `${label(l)}: ${l.hr.suppressed ? 'suppressed' : `${fmt(l.hr.hazardRatio)} (${fmt(l.hr.lower)} to ${fmt(l.hr.upper)})`}`).join('; ') + '.';
  return figure('Hazard ratios against the reference arm, unadjusted and adjusted, with 95% intervals',
    intervalChart(estimates, { log: true, reference: 1, x: 'Hazard ratio (log scale) →' }), alt,
    ['Outcome', 'Arm', 'Compared with', 'Model', 'Hazard ratio', 'Lower 95%', 'Upper 95%', 'p'], rows, 'study-hazard-ratios');
}

function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '–';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

function tableBox(caption: string, head: string[], rows: Row[], name: string): HTMLElement {
  const box = scrollBox(table(caption, head, rows), caption);
  box.dataset.table = name;
  return box;
}
