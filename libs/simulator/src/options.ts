import { dayOf } from './calendar';

/** Disparities applied to BME subjects (WRES grouping: every stated non-white code) against white ones. */
export interface Disparities {
  /** Odds of a shortlisted BME applicant being appointed, over the odds of a white one. */
  appointmentOddsRatio: number;
  /** Odds of a BME applicant being shortlisted, over the odds of a white one. */
  shortlistingOddsRatio: number;
  /** Promotion hazard of BME staff over white staff, at the same level. */
  promotionHazardRatio: number;
  /** Leaving hazard of BME staff over white staff, at the same level and tenure. */
  exitHazardRatio: number;
  /** Hazard of a formal disciplinary case for BME staff over white staff. */
  disciplinaryHazardRatio: number;
}

export interface MentoringOptions {
  /** Promotion hazard after enrolment over the hazard without mentoring, all else equal. */
  hazardRatio: number;
  /** Share of eligible staff (level 1–2, six months in post) enrolled in each yearly cohort. */
  enrolmentShare: number;
  /** How much likelier a BME eligible subject is to be enrolled; 1 keeps enrolment unconfounded. */
  bmeSelectionRatio: number;
  /** How many yearly cohorts run, from the first year on. */
  cohorts: number;
}

export interface SimulationOptions {
  seed: number;
  orgs: number;
  /** About how many distinct subjects (staff and applicants) the run produces in all. */
  subjects: number;
  years: number;
  /** The first day simulated; must be the first of a month. */
  start: string;
  disparities: Disparities;
  mentoring: MentoringOptions;
  /** Share of events sent late: their arrival is one to six months after their business date. */
  lateShare: number;
  /** Share of employees per year who get a wrongly keyed event that is later retracted. */
  retractionRate: number;
}

export type SimulationInput = Partial<Omit<SimulationOptions, 'disparities' | 'mentoring'>> & {
  disparities?: Partial<Disparities>;
  mentoring?: Partial<MentoringOptions>;
};

export const DEFAULT_SIMULATION: SimulationOptions = {
  seed: 1,
  orgs: 3,
  subjects: 20_000,
  years: 5,
  start: '2020-04-01',
  disparities: {
    appointmentOddsRatio: 0.6,
    shortlistingOddsRatio: 0.8,
    promotionHazardRatio: 0.75,
    exitHazardRatio: 1.3,
    disciplinaryHazardRatio: 1.6,
  },
  mentoring: { hazardRatio: 1.5, enrolmentShare: 0.08, bmeSelectionRatio: 1, cohorts: 50 },
  lateShare: 0.02,
  retractionRate: 0.01,
};

/** Fills in defaults and checks every option, naming each bad one. */
export function resolveOptions(input: SimulationInput = {}): SimulationOptions {
  const options: SimulationOptions = {
    ...DEFAULT_SIMULATION,
    ...input,
    disparities: { ...DEFAULT_SIMULATION.disparities, ...input.disparities },
    mentoring: { ...DEFAULT_SIMULATION.mentoring, ...input.mentoring },
  };
  const problems = [
    ...check('seed', options.seed, Number.isSafeInteger(options.seed), 'must be a whole number'),
    ...check('orgs', options.orgs, Number.isInteger(options.orgs) && options.orgs >= 1 && options.orgs <= 99, 'must be a whole number from 1 to 99'),
    ...check('subjects', options.subjects, Number.isInteger(options.subjects) && options.subjects >= 10 && options.subjects <= 5_000_000, 'must be a whole number from 10 to 5,000,000'),
    ...check('years', options.years, Number.isInteger(options.years) && options.years >= 1 && options.years <= 50, 'must be a whole number from 1 to 50'),
    ...checkStart(options.start),
    ...positive('disparities', options.disparities),
    ...positive('mentoring', { hazardRatio: options.mentoring.hazardRatio, bmeSelectionRatio: options.mentoring.bmeSelectionRatio }),
    ...share('mentoring.enrolmentShare', options.mentoring.enrolmentShare),
    ...check('mentoring.cohorts', options.mentoring.cohorts, Number.isInteger(options.mentoring.cohorts) && options.mentoring.cohorts >= 0, 'must be a whole number, 0 or more'),
    ...share('lateShare', options.lateShare),
    ...share('retractionRate', options.retractionRate),
  ];
  if (problems.length) throw new RangeError(`Invalid simulation options:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return options;
}

function check(name: string, value: unknown, ok: boolean, rule: string): string[] {
  return ok ? [] : [`${name} ${rule} (got ${JSON.stringify(value)})`];
}

function positive(prefix: string, values: object): string[] {
  return Object.entries(values).flatMap(([key, value]) =>
    check(`${prefix}.${key}`, value, typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 100, 'must be a number above 0 and at most 100'));
}

function share(name: string, value: number): string[] {
  return check(name, value, Number.isFinite(value) && value >= 0 && value <= 0.5, 'must be a number from 0 to 0.5');
}

function checkStart(start: string): string[] {
  try {
    dayOf(start);
  } catch {
    return [`start must be a date YYYY-MM-DD (got ${JSON.stringify(start)})`];
  }
  return start.endsWith('-01') ? [] : [`start must be the first day of a month (got '${start}')`];
}
