import { LEVELS, type Grouping } from '@rung/contracts';
import { brokenRungRatio, isSmallCount, poissonRate, relativeLikelihood, suppressTable, withholdEstimate } from '@rung/stats';
import { GROUPS_BY_GROUPING } from '../cohorts/cohort-definition.dto';
import { emptyGroupTally, type GroupTally, type PeriodTally } from './indicator-tally';
import type { RateView } from '../common/rate-view';

export const INDICATOR_NAMES = [
  'representation', 'appointed-from-shortlisting', 'entering-disciplinary', 'accessing-non-mandatory-training',
  'leaving-rate', 'promotion-rate', 'broken-rung',
] as const;
export type IndicatorName = (typeof INDICATOR_NAMES)[number];

export function isIndicatorName(value: unknown): value is IndicatorName {
  return typeof value === 'string' && (INDICATOR_NAMES as readonly string[]).includes(value);
}

/**
 * Each grouping's reference group and focal groups. WRES compares BME with white staff; the other
 * groupings follow the same idea: white British, white (ons5) and not-migrant are the references.
 */
export const GROUPING_ROLES: Record<Grouping, { reference: string; focal: readonly string[] }> = {
  wres: { reference: 'white', focal: ['bme'] },
  'white-british': { reference: 'white-british', focal: ['ethnic-minority'] },
  ons5: { reference: 'white', focal: ['mixed', 'asian', 'black', 'other'] },
  migrant: { reference: 'not-migrant', focal: ['first', 'second', 'third-plus'] },
};

/** The three WRES relative likelihoods and the published direction of each (§7). */
export const RELATIVE_LIKELIHOODS = [
  { indicator: 'appointed-from-shortlisting', numerator: 'reference', successes: 'appointed', total: 'shortlisted' },
  { indicator: 'entering-disciplinary', numerator: 'focal', successes: 'disciplinary', total: 'workforce' },
  { indicator: 'accessing-non-mandatory-training', numerator: 'reference', successes: 'training', total: 'workforce' },
] as const satisfies ReadonlyArray<{ indicator: IndicatorName; numerator: 'reference' | 'focal'; successes: keyof GroupTally; total: keyof GroupTally }>;

export type RelativeLikelihoodName = (typeof RELATIVE_LIKELIHOODS)[number]['indicator'];

export interface LevelView {
  level: number;
  total: number | null;
  groups: Array<{ group: string; count: number | null; share: number | null }>;
  suppressed: boolean;
}

export interface RepresentationView {
  at: string;
  levels: LevelView[];
  /** Headcount per group over all levels. */
  totals: Array<{ group: string; count: number | null }>;
  total: number | null;
}

export interface CountPair {
  group: string;
  successes: number | null;
  total: number | null;
}

export interface RelativeLikelihoodView {
  indicator: RelativeLikelihoodName;
  numeratorGroup: string;
  denominatorGroup: string;
  numerator: CountPair;
  denominator: CountPair;
  ratio: number | null;
  lower: number | null;
  upper: number | null;
  method: 'log-risk-ratio';
  suppressed: boolean;
}

export interface GroupRateView extends RateView {
  group: string;
  headcount: number | null;
}

export interface BrokenRungView {
  focalGroup: string;
  referenceGroup: string;
  focal: { moves: number | null; personYears: number | null; rate: number | null };
  reference: { moves: number | null; personYears: number | null; rate: number | null };
  ratio: number | null;
  lower: number | null;
  upper: number | null;
  method: 'poisson-exact-conditional';
  suppressed: boolean;
}

export interface IndicatorValues {
  representation: RepresentationView;
  relativeLikelihoods: RelativeLikelihoodView[];
  leavingRate: GroupRateView[];
  promotionRate: GroupRateView[];
  brokenRung: BrokenRungView[];
}

const small = isSmallCount;
const shownCount = (n: number, k: number): number | null => (small(n, k) ? null : n);

export interface IndicatorContext {
  grouping: Grouping;
  k: number;
  /** The period's last day, YYYY-MM-DD: representation is counted then. */
  at: string;
}

export function indicatorValues(tally: PeriodTally, ctx: IndicatorContext): IndicatorValues {
  return {
    representation: representationView(tally, ctx),
    relativeLikelihoods: RELATIVE_LIKELIHOODS.map((rl) => rl.indicator).flatMap((name) => relativeLikelihoodViews(tally, ctx, name)),
    leavingRate: groupRates(tally, ctx, 'leavers'),
    promotionRate: groupRates(tally, ctx, 'promotions'),
    brokenRung: brokenRungViews(tally, ctx),
  };
}

/** One indicator's values, as a trend point carries them. */
export function indicatorValue(name: IndicatorName, tally: PeriodTally, ctx: IndicatorContext): unknown {
  switch (name) {
    case 'representation':
      return representationView(tally, ctx);
    case 'appointed-from-shortlisting':
    case 'entering-disciplinary':
    case 'accessing-non-mandatory-training':
      return relativeLikelihoodViews(tally, ctx, name);
    case 'leaving-rate':
      return groupRates(tally, ctx, 'leavers');
    case 'promotion-rate':
      return groupRates(tally, ctx, 'promotions');
    case 'broken-rung':
      return brokenRungViews(tally, ctx);
    default: {
      const unexpected: never = name;
      throw new Error(`unknown indicator ${String(unexpected)}`);
    }
  }
}

/**
 * Representation (§7): the share of each group at each level, counting people in post on the
 * period's last day. Counts go through suppressTable with level and group totals; a share is shown
 * only when its count and its level's total are shown and the total is at least k. A protected
 * tally brings totals rounded as cells of their own, which are shown instead of sums of its cells.
 */
function representationView(tally: PeriodTally, ctx: IndicatorContext): RepresentationView {
  const groups = GROUPS_BY_GROUPING[ctx.grouping];
  const counts = LEVELS.map((level) => groups.map((g) => tally.representation.get(level)?.get(g) ?? 0));
  const masked = suppressTable(counts, ctx.k, { rowTotals: true, columnTotals: true });
  const own = tally.representationTotals;
  const levels = LEVELS.map((level, r): LevelView => {
    const total = own ? { value: own.byLevel.get(level) ?? 0, suppressed: false } : (masked.rowTotals?.[r] ?? { value: null, suppressed: false });
    const totalRaw = own ? (own.byLevel.get(level) ?? 0) : counts[r].reduce((s, v) => s + v, 0);
    const cells = masked.cells[r];
    return {
      level,
      total: total.value,
      groups: groups.map((group, c) => ({
        group,
        count: cells[c].value,
        share: cells[c].value !== null && total.value !== null && totalRaw >= ctx.k ? counts[r][c] / totalRaw : null,
      })),
      suppressed: total.suppressed || cells.some((cell) => cell.suppressed),
    };
  });
  return {
    at: ctx.at,
    levels,
    totals: groups.map((group, c) => ({ group, count: own ? (own.byGroup.get(group) ?? 0) : (masked.columnTotals?.[c].value ?? null) })),
    total: own ? own.all : (masked.grandTotal?.value ?? null),
  };
}

function tallyOf(tally: PeriodTally, group: string): GroupTally {
  return tally.byGroup.get(group) ?? emptyGroupTally();
}

/**
 * Relative likelihoods in the WRES directions: appointment from shortlisting and access to
 * non-mandatory training put the reference group (white) over each focal group (BME); entering a
 * formal disciplinary process puts the focal group over the reference. Counts from 1 to k − 1 are
 * suppressed; the ratio is withheld when any count it rests on is below k, so a hidden count cannot
 * be worked back from the ratio. The complements (total − successes) are not published.
 */
function relativeLikelihoodViews(tally: PeriodTally, ctx: IndicatorContext, name: RelativeLikelihoodName): RelativeLikelihoodView[] {
  const spec = RELATIVE_LIKELIHOODS.find((r) => r.indicator === name)!;
  const { reference, focal } = GROUPING_ROLES[ctx.grouping];
  return focal.map((focalGroup) => {
    const [numGroup, denGroup] = spec.numerator === 'reference' ? [reference, focalGroup] : [focalGroup, reference];
    const num = tallyOf(tally, numGroup);
    const den = tallyOf(tally, denGroup);
    const a = num[spec.successes];
    const n1 = num[spec.total];
    const c = den[spec.successes];
    const n0 = den[spec.total];
    const estimate = n1 > 0 && n0 > 0 ? relativeLikelihood({ successes: a, total: n1 }, { successes: c, total: n0 }) : null;
    const shown = withholdEstimate(
      { ratio: estimate?.ratio ?? null, lower: estimate?.lower ?? null, upper: estimate?.upper ?? null },
      { numerator: Math.min(a, c), denominator: Math.min(n1, n0) },
      ctx.k,
    );
    const countsHidden = [a, n1, c, n0].some((n) => small(n, ctx.k));
    return {
      indicator: name,
      numeratorGroup: numGroup,
      denominatorGroup: denGroup,
      numerator: { group: numGroup, successes: shownCount(a, ctx.k), total: shownCount(n1, ctx.k) },
      denominator: { group: denGroup, successes: shownCount(c, ctx.k), total: shownCount(n0, ctx.k) },
      ...shown,
      method: 'log-risk-ratio',
      suppressed: shown.suppressed || countsHidden,
    };
  });
}

/** Leaving or promotion rate per 100 person-years in post, exact Poisson CI, per group; withheld below k events or people. */
function groupRates(tally: PeriodTally, ctx: IndicatorContext, field: 'leavers' | 'promotions'): GroupRateView[] {
  return GROUPS_BY_GROUPING[ctx.grouping].map((group) => {
    const g = tallyOf(tally, group);
    const events = g[field];
    const estimate = g.personYears > 0 ? poissonRate(events, g.personYears, 100) : null;
    const shown = withholdEstimate(
      { events, personYears: g.personYears, rate: estimate?.rate ?? null, lower: estimate?.lower ?? null, upper: estimate?.upper ?? null },
      { numerator: events, atRisk: g.workforce },
      ctx.k,
    );
    return { group, headcount: shownCount(g.workforce, ctx.k), per: 100, ...shown, events: shownCount(events, ctx.k) };
  });
}

/**
 * The broken-rung ratio per focal group: first moves from level ≤ 2 to level ≥ 3 per person-year at
 * level ≤ 2 in the focal group, over the same in the reference group (exact conditional CI).
 */
function brokenRungViews(tally: PeriodTally, ctx: IndicatorContext): BrokenRungView[] {
  const { reference, focal } = GROUPING_ROLES[ctx.grouping];
  const ref = tallyOf(tally, reference);
  return focal.map((focalGroup) => {
    const f = tallyOf(tally, focalGroup);
    const computable = f.rungPersonYears > 0 && ref.rungPersonYears > 0;
    const ratio = computable
      ? brokenRungRatio(
          { kind: 'personTime', moves: f.rungMoves, personYears: f.rungPersonYears },
          { kind: 'personTime', moves: ref.rungMoves, personYears: ref.rungPersonYears },
        )
      : null;
    const shown = withholdEstimate(
      { ratio: ratio?.ratio ?? null, lower: ratio?.lower ?? null, upper: ratio?.upper ?? null },
      { numerator: Math.min(f.rungMoves, ref.rungMoves), atRisk: Math.min(f.rungHeadcount, ref.rungHeadcount) },
      ctx.k,
    );
    const side = (g: GroupTally, rate: number | null) => {
      const hidden = g.rungMoves < ctx.k || g.rungHeadcount < ctx.k;
      return { moves: shownCount(g.rungMoves, ctx.k), personYears: hidden ? null : g.rungPersonYears, rate: hidden ? null : rate };
    };
    return {
      focalGroup,
      referenceGroup: reference,
      focal: side(f, ratio?.focal.rate ?? null),
      reference: side(ref, ratio?.reference.rate ?? null),
      ...shown,
      method: 'poisson-exact-conditional',
    };
  });
}
