import type { Level } from '@rung/contracts';

/**
 * The fixed part of the workforce model. Hazards are per year and piecewise constant on the monthly
 * grid: each month uses the subject's state at its first day.
 */
export const WORKFORCE_MODEL = {
  /** Headcount share of each level: a public-service pyramid. */
  levelShares: { 1: 0.35, 2: 0.3, 3: 0.17, 4: 0.1, 5: 0.05, 6: 0.025, 7: 0.005 } as Record<Level, number>,
  exitHazard: { 1: 0.16, 2: 0.12, 3: 0.1, 4: 0.09, 5: 0.08, 6: 0.08, 7: 0.1 } as Record<Level, number>,
  /** Leaving hazard multipliers by completed years in post: new starters leave most. */
  exitByTenure: [
    { underYears: 1, multiplier: 1.6 },
    { underYears: 2, multiplier: 1.2 },
    { underYears: Infinity, multiplier: 1 },
  ],
  promotionHazard: { 1: 0.1, 2: 0.09, 3: 0.07, 4: 0.05, 5: 0.04, 6: 0.03, 7: 0 } as Record<Level, number>,
  /** Probability that a white applicant is shortlisted, and appointed once shortlisted. */
  shortlistProbability: 0.5,
  appointmentProbability: 0.4,
  trainingRate: 0.4,
  trainingGrantedProbability: 0.85,
  disciplinaryRate: 0.015,
  /** Vacancies advertised through the recorded recruitment system; the rest are direct hires. */
  recordedRecruitmentShare: 0.4,
  /** External applicants per advertised vacancy. */
  applicantsPerAdvert: { min: 1, max: 3 },
  /** Mean years in post of the staff in post on the first day. */
  meanInitialTenureYears: 8,
} as const;

export interface OrgTemplate {
  prefix: string;
  gradeScheme: 'afc' | 'civil-service';
  femaleShare: number;
  jobFamilies: readonly string[];
}

/** Organisations alternate between an NHS trust on Agenda for Change and a civil-service department. */
export const ORG_TEMPLATES: readonly OrgTemplate[] = [
  { prefix: 'sim-nhs', gradeScheme: 'afc', femaleShare: 0.77, jobFamilies: ['nursing', 'allied-health', 'admin', 'estates', 'medical'] },
  { prefix: 'sim-cs', gradeScheme: 'civil-service', femaleShare: 0.54, jobFamilies: ['operations', 'policy', 'digital', 'finance'] },
];

/** Relative sizes of the organisations: the first is the largest. */
export function orgWeight(index: number): number {
  return 1 / (1 + 0.5 * index);
}

/** The grades used at each level, lowest first; a promotion goes to the first grade of the next level. */
export const GRADE_LADDERS: Readonly<Record<OrgTemplate['gradeScheme'], Record<Level, readonly string[]>>> = {
  afc: { 1: ['2', '3', '4'], 2: ['5'], 3: ['6'], 4: ['7'], 5: ['8a', '8b'], 6: ['8c', '8d', '9'], 7: ['VSM'] },
  'civil-service': { 1: ['AA', 'AO'], 2: ['EO'], 3: ['HEO'], 4: ['SEO'], 5: ['G7'], 6: ['G6'], 7: ['SCS1', 'SCS2'] },
};

export const LEVEL_LIST: readonly Level[] = [1, 2, 3, 4, 5, 6, 7];
