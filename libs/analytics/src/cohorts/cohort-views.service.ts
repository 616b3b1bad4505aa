import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@rung/domain';
import { dayOf } from '../common/days';
import { disclosedVersion, type DataVersion } from '../common/fingerprint';
import { intervalDays, monthsToDays, type IntervalKind } from '../common/intervals';
import { orThrow } from '../common/validation';
import { AnalyticsReader, type Materialised } from '../materialisation/analytics-reader';
import type { Cohort, CohortDefinition } from './cohort-definition';
import { validateCohortDefinition } from './cohort-definition.dto';
import { compileCohort, memberOf, type CohortMember } from './cohort-membership';
import { COHORT_STORE, type CohortStore } from './cohort.store';
import { followUp, sortedByTime } from './follow-up';
import { parseOutcome } from './outcomes';
import { discloseTrajectory, estimateTrajectory, type TrajectoryView } from './trajectory';
import type { TrajectoryParams } from './trajectory-query';

export interface CohortSizeView {
  id: string;
  name: string;
  definedAt: string;
  definition: CohortDefinition;
  asOf: string;
  k: number;
  /** Members as of `asOf`; null when from 1 to k − 1. */
  size: number | null;
  suppressed: boolean;
  dataVersion: DataVersion;
}

export interface TrajectoryResponse extends TrajectoryView {
  cohortId: string;
  cohortName: string;
  asOf: string;
  interval: IntervalKind;
  intervalDays: number;
  horizonMonths: number;
  timeUnit: 'days';
  k: number;
  dataVersion: DataVersion;
}

/** Cohorts: definitions, sizes and trajectories, computed from the current timelines. */
@Injectable()
export class CohortViews {
  constructor(
    @Inject(COHORT_STORE) private readonly cohorts: CohortStore,
    private readonly reader: AnalyticsReader,
  ) {}

  async define(raw: unknown): Promise<Cohort> {
    const definition = orThrow(validateCohortDefinition(raw), 'cohort definition');
    const cohort: Cohort = { id: randomUUID(), definedAt: this.reader.now(), definition };
    await this.cohorts.insert(cohort.id, cohort);
    return cohort;
  }

  async get(id: string): Promise<Cohort> {
    const cohort = await this.cohorts.get(id);
    if (!cohort) throw new DomainError('not-found', 'There is no cohort with this id.');
    return cohort;
  }

  list(): Promise<Cohort[]> {
    return this.cohorts.list();
  }

  async size(id: string, asOf = this.reader.today()): Promise<Materialised<CohortSizeView>> {
    const cohort = await this.get(id);
    const k = this.reader.k;
    return this.reader.materialise(`cohort|${id}|${asOf}|${k}`, cohort.definition.orgIds, async (scan) => {
      const compiled = compileCohort(cohort.definition);
      const day = dayOf(asOf);
      let size = 0;
      const dataVersion = await scan((t) => {
        if (memberOf(compiled, t, day)) size += 1;
      });
      const small = size > 0 && size < k;
      return { ...cohort, name: cohort.definition.name, asOf, k, size: small ? null : size, suppressed: small, dataVersion: disclosedVersion(dataVersion, k) };
    });
  }

  async trajectory(id: string, params: TrajectoryParams): Promise<Materialised<TrajectoryResponse>> {
    const cohort = await this.get(id);
    const asOf = params.asOf ?? this.reader.today();
    const k = this.reader.k;
    const name = `trajectory|${id}|${params.outcome}|${params.estimator}|${params.interval}|${params.horizonMonths}|${asOf}|${k}`;
    const view = this.reader.materialise(name, cohort.definition.orgIds, async (scan) => {
      const { members, dataVersion } = await collectMembers([cohort], asOf, scan);
      const horizonDays = monthsToDays(params.horizonMonths);
      const outcome = parseOutcome(params.outcome);
      const window = { asOf: dayOf(asOf), horizonDays };
      const list = sortedByTime(members[0].flatMap((m) => followUp(m, outcome, window) ?? []));
      const raw = estimateTrajectory(list, params.outcome, params.estimator, { interval: params.interval, horizonDays });
      return {
        cohortId: id,
        cohortName: cohort.definition.name,
        asOf,
        interval: params.interval,
        intervalDays: intervalDays(params.interval),
        horizonMonths: params.horizonMonths,
        timeUnit: 'days' as const,
        k,
        dataVersion: disclosedVersion(dataVersion, k),
        ...discloseTrajectory(raw, k, params.interval),
      };
    });
    this.reader.remember(name, () => this.trajectory(id, { ...params, asOf: params.asOf ?? this.reader.today() }));
    return view;
  }
}

/** One scan of the timelines: the members of each cohort as of a date. */
export async function collectMembers(
  cohorts: readonly Cohort[],
  asOf: string,
  scan: (visit: (t: Parameters<typeof memberOf>[1]) => void) => Promise<DataVersion>,
): Promise<{ members: CohortMember[][]; dataVersion: DataVersion }> {
  const compiled = cohorts.map((c) => compileCohort(c.definition));
  const members: CohortMember[][] = compiled.map(() => []);
  const day = dayOf(asOf);
  const dataVersion = await scan((t) => {
    for (let i = 0; i < compiled.length; i++) {
      const m = memberOf(compiled[i], t, day);
      if (m) members[i].push(m);
    }
  });
  return { members, dataVersion };
}
