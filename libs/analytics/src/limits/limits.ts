import { DomainError } from '@rung/domain';
import { CONFIG_VARIABLES, type RungConfig } from '@rung/platform';

/** A configured maximum and the variable that sets it, so that a refusal can name it. */
export interface Limit {
  max: number;
  variable: string;
}

export interface AnalyticsLimits {
  queryCost: Limit;
  cohortsPerOrg: Limit;
  studiesPerOrg: Limit;
  checkpointsPerOrg: Limit;
  checkpointBytes: Limit;
}

export function analyticsLimits(config: RungConfig): AnalyticsLimits {
  const limit = (key: keyof typeof CONFIG_VARIABLES & keyof RungConfig): Limit => ({ max: config[key] as number, variable: CONFIG_VARIABLES[key].name });
  return {
    queryCost: limit('maxQueryCost'),
    cohortsPerOrg: limit('maxCohortsPerOrg'),
    studiesPerOrg: limit('maxStudiesPerOrg'),
    checkpointsPerOrg: limit('maxCheckpointsPerOrg'),
    checkpointBytes: limit('maxCheckpointBytes'),
  };
}

const count = (n: number): string => n.toLocaleString('en-GB');
const plural = (n: number, one: string): string => `${count(n)} ${one}${n === 1 ? '' : 's'}`;

/** What a study or trajectory computes: one curve and one interval table row per arm × outcome × month. */
export interface QueryShape {
  arms: number;
  outcomes: number;
  horizonMonths: number;
}

export function queryCost(q: QueryShape): number {
  return q.arms * q.outcomes * q.horizonMonths;
}

/** Refuses a study or trajectory whose arms × outcomes × horizon months is over the limit. */
export function checkQueryCost(what: 'study' | 'trajectory', q: QueryShape, limit: Limit): void {
  const cost = queryCost(q);
  if (cost <= limit.max) return;
  throw new DomainError(
    'limit-exceeded',
    `This ${what} would compute ${plural(q.arms, 'arm')} × ${plural(q.outcomes, 'outcome')} × ${plural(q.horizonMonths, 'month')} = ` +
      `${count(cost)} arm-outcome-months; the limit is ${count(limit.max)} (${limit.variable}). Ask for fewer arms, outcomes or months.`,
  );
}

/** Some definitions over some organisations: a cohort (1), or a study's checkpoints (how many it has). */
export interface OrgCount {
  orgIds: readonly string[];
  count: number;
}

/** Refuses a definition that would take an organisation past a per-organisation limit. */
export function checkPerOrg(what: string, existing: readonly OrgCount[], adding: OrgCount, limit: Limit): void {
  for (const org of new Set(adding.orgIds)) {
    const have = existing.reduce((sum, e) => sum + (e.orgIds.includes(org) ? e.count : 0), 0);
    if (have + adding.count <= limit.max) continue;
    throw new DomainError(
      'limit-exceeded',
      `Organisation ${org} has ${count(have)} ${what}; this definition would bring it to ${count(have + adding.count)}, ` +
        `over the limit of ${count(limit.max)} ${what} per organisation (${limit.variable}). Definitions already stored are kept.`,
    );
  }
}

/** The last guard on what a frozen checkpoint may write; the cost limit keeps new studies well under it. */
export function checkCheckpointBytes(month: number, bytes: number, limit: Limit): void {
  if (bytes <= limit.max) return;
  throw new DomainError(
    'limit-exceeded',
    `The month ${month} checkpoint report would take ${count(bytes)} bytes; the limit is ${count(limit.max)} (${limit.variable}), ` +
      'so it is not frozen. The live report is still available.',
  );
}
