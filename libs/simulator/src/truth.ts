import { DAYS_PER_YEAR } from './calendar';
import { Hazards } from './hazards';
import type { ExitLedgerRow } from './ledger';
import type { WORKFORCE_MODEL } from './model';
import type { SimulationOptions } from './options';
import type { ProgrammeRun } from './world';

interface Ratio<N extends string, D extends string> {
  numerator: N;
  denominator: D;
  ratio: number;
}

/** The effects built into a run, as Rung should estimate them (WRES directions of SPEC §7). */
export interface ExpectedEffects {
  /** P(appointed | shortlisted), white over BME. */
  appointmentFromShortlisting: Ratio<'white', 'bme'> & { white: number; bme: number };
  shortlisting: Ratio<'white', 'bme'> & { white: number; bme: number };
  /** Promotion hazard after mentoring enrolment over the hazard without, at the same level and group. */
  mentoringPromotionHazardRatio: number;
  promotionHazardRatio: Ratio<'bme', 'white'>;
  exitHazardRatio: Ratio<'bme', 'white'>;
  disciplinaryHazardRatio: Ratio<'bme', 'white'>;
}

export interface GroundTruth {
  options: SimulationOptions;
  model: typeof WORKFORCE_MODEL;
  /** The simulated period; `to` is its last day. */
  window: { from: string; to: string };
  orgs: Array<{ orgId: string; gradeScheme: string; initialHeadcount: number }>;
  /** Programmes run in every organisation, with their enrolment windows. */
  programmes: ProgrammeRun[];
  expected: ExpectedEffects;
  /** Person-time in post and the integrated leaving hazard, per organisation, year and WRES class. */
  exitLedger: ExitLedgerRow[];
}

export function expectedEffects(options: SimulationOptions): ExpectedEffects {
  const h = new Hazards(options);
  const { disparities, mentoring } = options;
  const byGroup = (white: number, bme: number): Ratio<'white', 'bme'> & { white: number; bme: number } => ({
    numerator: 'white', denominator: 'bme', ratio: white / bme, white, bme,
  });
  const bmeOverWhite = (ratio: number): Ratio<'bme', 'white'> => ({ numerator: 'bme', denominator: 'white', ratio });
  return {
    appointmentFromShortlisting: byGroup(h.appointmentProbability('white'), h.appointmentProbability('bme')),
    shortlisting: byGroup(h.shortlistProbability('white'), h.shortlistProbability('bme')),
    mentoringPromotionHazardRatio: mentoring.hazardRatio,
    promotionHazardRatio: bmeOverWhite(disparities.promotionHazardRatio),
    exitHazardRatio: bmeOverWhite(disparities.exitHazardRatio),
    disciplinaryHazardRatio: bmeOverWhite(disparities.disciplinaryHazardRatio),
  };
}

export interface GroupExitRate {
  exits: number;
  expectedExits: number;
  personYears: number;
  /** Expected leavers per person-year: what a crude leaving rate of this group estimates. */
  rate: number;
}

export interface RealisedExitRates {
  white: GroupExitRate;
  bme: GroupExitRate;
  /** bme over white. */
  ratio: number;
}

/**
 * The leaving rate ratio that a crude rate (leavers / person-years in post) targets for this run. It
 * differs from the hazard ratio because BME staff, promoted less, sit more at levels that leave more.
 */
export function realisedExitRates(truth: GroundTruth, filter: { orgIds?: string[]; fromYear?: number; toYear?: number } = {}): RealisedExitRates {
  const rows = truth.exitLedger.filter((r) =>
    (!filter.orgIds || filter.orgIds.includes(r.orgId)) && r.year >= (filter.fromYear ?? -Infinity) && r.year <= (filter.toYear ?? Infinity));
  const white = sumGroup(rows.filter((r) => r.group === 'white'));
  const bme = sumGroup(rows.filter((r) => r.group === 'bme'));
  return { white, bme, ratio: bme.rate / white.rate };
}

function sumGroup(rows: ExitLedgerRow[]): GroupExitRate {
  const exits = rows.reduce((n, r) => n + r.exits, 0);
  const expectedExits = rows.reduce((n, r) => n + r.expectedExits, 0);
  const personYears = rows.reduce((n, r) => n + r.exposureDays, 0) / DAYS_PER_YEAR;
  return { exits, expectedExits, personYears, rate: expectedExits / personYears };
}
