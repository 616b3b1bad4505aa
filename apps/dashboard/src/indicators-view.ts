import { get } from './api';
import { barChart, figure, intervalChart, type Bar, type Estimate } from './charts';
import { fmt, pct, type Row } from './format';
import { $, num, orSuppressed, params, refused } from './dom';
import type { BrokenRung, Indicators, Likelihood, Query, RateRow } from './types';

const LIKELIHOOD_NAMES: Record<string, string> = {
  'appointed-from-shortlisting': 'Appointed from shortlisting',
  'entering-disciplinary': 'Entering formal disciplinary',
  'accessing-non-mandatory-training': 'Accessing non-mandatory training',
};

let shown: Indicators | null = null;

export function indicatorsPath(q: Query, format?: string): string {
  return `/v1/indicators?${params(format ? { ...q, format } : { ...q })}`;
}

export async function showIndicators(q: Query): Promise<void> {
  const body = $('indicators-body');
  body.setAttribute('aria-busy', 'true');
  const answer = await get<Indicators>(indicatorsPath(q));
  body.removeAttribute('aria-busy');
  if (!answer.body) return refused(answer.status, answer.problem);
  shown = answer.body;
  renderIndicators();
}

export function clearIndicators(): void {
  shown = null;
  $('indicators-body').replaceChildren();
}

export function renderIndicators(): void {
  const ind = shown;
  if (!ind) return;
  $('status-disclosure').textContent = `Disclosure: ${ind.disclosure}`;
  $('status-period').textContent = `Organisation ${ind.orgId} · period ${ind.from} to ${ind.to} (whole months) · grouping ${ind.grouping}`;
  $('status-asof').textContent = `Representation as at ${ind.representation.at} · fetched ${new Date().toLocaleString('en-GB')}`;
  $('indicators-body').replaceChildren(
    representationFigure(ind, [ind.referenceGroup, ...ind.focalGroups]),
    likelihoodFigure(ind),
    rateFigure('Leaving rate', 'leaving', ind.leavingRate),
    rateFigure('Promotion rate', 'promotion', ind.promotionRate),
    brokenRungFigure(ind),
  );
}

function representationFigure(ind: Indicators, groups: string[]): HTMLElement {
  const bars: Bar[] = ind.representation.levels.flatMap((l) => l.groups.map((g) => ({
    facet: `Level ${l.level}`, group: g.group, value: l.suppressed ? null : g.share, suppressed: l.suppressed || (g.share === null && g.count === null),
    note: l.total === 0 ? 'no one in post' : undefined,
  })));
  const rows: Row[] = ind.representation.levels.flatMap((l) => l.groups.map((g) => [
    { text: `Level ${l.level}` }, { text: g.group }, orSuppressed(l.suppressed || g.count === null, num(g.count, 0)),
    orSuppressed(l.suppressed || (g.share === null && g.count === null), { text: g.share === null ? 'no one in post' : pct(g.share), num: true }),
  ]));
  const hidden = bars.filter((b) => b.suppressed).length;
  const alt = `Share of each group at each level on ${ind.representation.at}, ${ind.representation.total ?? 'a suppressed number of'} people in post. `
    + ind.representation.levels.map((l) => `Level ${l.level}: ${l.suppressed ? 'suppressed' : l.groups.map((g) => `${g.group} ${g.share === null ? 'none' : pct(g.share)}`).join(', ')}`).join('; ')
    + (hidden ? `. ${hidden} values are suppressed.` : '.');
  return figure(`Representation by level, ${ind.representation.at}`, barChart(bars, { x: 'Share of people at the level', facet: 'Level', groups, max: 1 }), alt,
    ['Level', 'Group', 'People', 'Share'], rows, 'representation');
}

function likelihoodFigure(ind: Indicators): HTMLElement {
  const label = (r: Likelihood): string => `${LIKELIHOOD_NAMES[r.indicator] ?? r.indicator}: ${r.numeratorGroup} / ${r.denominatorGroup}`;
  const estimates: Estimate[] = ind.relativeLikelihoods.map((r) => ({ label: label(r), estimate: r.ratio, lower: r.lower, upper: r.upper, suppressed: r.suppressed || r.ratio === null }));
  const rows: Row[] = ind.relativeLikelihoods.map((r) => [
    { text: LIKELIHOOD_NAMES[r.indicator] ?? r.indicator }, { text: r.numeratorGroup }, { text: r.denominatorGroup },
    orSuppressed(r.suppressed, num(r.ratio)), orSuppressed(r.suppressed, num(r.lower)), orSuppressed(r.suppressed, num(r.upper)),
  ]);
  const alt = 'Relative likelihoods with 95% confidence intervals, on a log scale, against the line of equality at 1 (numerator group over denominator group). '
    + ind.relativeLikelihoods.map((r) => `${label(r)}: ${r.suppressed ? 'suppressed' : `${fmt(r.ratio)} (95% CI ${fmt(r.lower)} to ${fmt(r.upper)})`}`).join('; ') + '.';
  return figure('Relative likelihoods (WRES), with 95% intervals; the dashed line at 1 is equality',
    intervalChart(estimates, { log: true, reference: 1, x: 'Relative likelihood (log scale) →' }), alt,
    ['Indicator', 'Numerator group', 'Denominator group', 'Relative likelihood', 'Lower 95%', 'Upper 95%'], rows, 'likelihoods');
}

function rateFigure(title: string, name: string, rates: RateRow[]): HTMLElement {
  const per = rates[0]?.per ?? 100;
  const estimates: Estimate[] = rates.map((r) => ({ label: r.group, estimate: r.rate, lower: r.lower, upper: r.upper, suppressed: r.suppressed || r.rate === null }));
  const rows: Row[] = rates.map((r) => [
    { text: r.group }, orSuppressed(r.suppressed && r.events === null, num(r.events, 0)), orSuppressed(r.suppressed, num(r.personYears, 0)),
    orSuppressed(r.suppressed, num(r.rate)), orSuppressed(r.suppressed, num(r.lower)), orSuppressed(r.suppressed, num(r.upper)),
  ]);
  const alt = `${title} per ${per} person-years with 95% intervals. `
    + rates.map((r) => `${r.group}: ${r.suppressed ? 'suppressed' : `${fmt(r.rate)} (${fmt(r.lower)} to ${fmt(r.upper)})`}`).join('; ') + '.';
  return figure(`${title} per ${per} person-years`, intervalChart(estimates, { x: `${title} per ${per} person-years →` }), alt,
    ['Group', 'Events', 'Person-years', 'Rate', 'Lower 95%', 'Upper 95%'], rows, name);
}

function brokenRungFigure(ind: Indicators): HTMLElement {
  const label = (r: BrokenRung): string => `${r.focalGroup} / ${r.referenceGroup}`;
  const estimates: Estimate[] = ind.brokenRung.map((r) => ({ label: label(r), estimate: r.ratio, lower: r.lower, upper: r.upper, suppressed: r.suppressed || r.ratio === null }));
  const rows: Row[] = ind.brokenRung.map((r) => [{ text: r.focalGroup }, { text: r.referenceGroup }, orSuppressed(r.suppressed, num(r.ratio)), orSuppressed(r.suppressed, num(r.lower)), orSuppressed(r.suppressed, num(r.upper))]);
  const alt = 'Broken-rung ratio: the rate of first moves from level 2 or below to level 3 or above, focal group over reference group, with 95% intervals. '
    + ind.brokenRung.map((r) => `${label(r)}: ${r.suppressed ? 'suppressed' : `${fmt(r.ratio)} (${fmt(r.lower)} to ${fmt(r.upper)})`}`).join('; ') + '.';
  return figure('Broken-rung ratio (moves from level ≤ 2 to ≥ 3), focal over reference', intervalChart(estimates, { log: true, reference: 1, x: 'Ratio (log scale) →' }), alt,
    ['Focal group', 'Reference group', 'Ratio', 'Lower 95%', 'Upper 95%'], rows, 'broken-rung');
}
