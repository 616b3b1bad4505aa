import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type DisclosureMode } from '@rung/domain';
import { addRecordKey, isSmallCount, roundByCellKey } from '@rung/stats';
import { dayOf } from '../common/days';
import type { DataVersion } from '../common/fingerprint';
import { monthsToDays } from '../common/intervals';
import { Serial } from '../common/serial';
import { orThrow } from '../common/validation';
import { checkPerOrg, checkQueryCost } from '../limits/limits';
import { publishedVersion } from '../disclosure/published-version';
import { RecordKeys } from '../disclosure/record-keys';
import { asOfIn, cohortIn } from '../disclosure/snapping';
import { AnalyticsReader, type Materialised, type TimelineScan } from '../materialisation/analytics-reader';
import { Archives } from '../archive/archives.service';
import type { Cohort, CohortDefinition } from './cohort-definition';
import { validateCohortDefinition } from './cohort-definition.dto';
import { compileCohort, memberOf, type CohortMember } from './cohort-membership';
import { COHORT_STORE, type CohortStore } from './cohort.store';
import { followUp } from './follow-up';
import { FollowUpColumns } from './follow-up-columns';
import { parseOutcome } from './outcomes';
import type { TrajectoryResponse } from './trajectory-response';
import type { TrajectoryParams } from './trajectory-query';

export interface CohortSizeView {
  id: string;
  name: string;
  definedAt: string;
  definition: CohortDefinition;
  asOf: string;
  k: number;
  disclosure: DisclosureMode;
  /** Members as of `asOf`: exact, null when from 1 to k − 1; protected, rounded by cell key. */
  size: number | null;
  suppressed: boolean;
  dataVersion: DataVersion;
}

/** Cohorts: definitions, sizes and trajectories, computed from the current timelines. */
@Injectable()
export class CohortViews {
  private readonly definitions = new Serial();

  constructor(
    @Inject(COHORT_STORE) private readonly cohorts: CohortStore,
    private readonly reader: AnalyticsReader,
    private readonly recordKeys: RecordKeys,
    private readonly archives: Archives,
  ) {}

  /** Stores a cohort unless one of its organisations already has MAX_COHORTS_PER_ORG (422); archived cohorts do not count. */
  async define(raw: unknown): Promise<Cohort> {
    const definition = orThrow(validateCohortDefinition(raw), 'cohort definition');
    return this.definitions.run(async () => {
      const existing = (await this.list()).map((c) => ({ orgIds: c.definition.orgIds, count: 1 }));
      checkPerOrg('cohorts', existing, { orgIds: definition.orgIds, count: 1 }, this.reader.limits.cohortsPerOrg);
      const cohort: Cohort = { id: randomUUID(), definedAt: this.reader.now(), definition };
      await this.cohorts.insert(cohort.id, cohort);
      return cohort;
    });
  }

  /** A cohort that is not archived (404 when there is none, 410 when it was archived). */
  async get(id: string): Promise<Cohort> {
    const cohort = await this.cohorts.get(id);
    if (!cohort) throw new DomainError('not-found', 'There is no cohort with this id.');
    await this.archives.requireLive('cohort', id);
    return cohort;
  }

  /** The cohorts that are not archived. */
  async list(): Promise<Cohort[]> {
    const archived = await this.archives.archivedIds('cohort');
    return (await this.cohorts.list()).filter((c) => !archived.has(c.id));
  }

  async size(id: string, requestedAsOf: string | undefined, disclosure: DisclosureMode): Promise<Materialised<CohortSizeView>> {
    const stored = await this.get(id);
    const cohort = cohortIn(disclosure, stored);
    const asOf = asOfIn(disclosure, requestedAsOf ?? this.reader.today());
    const k = this.reader.k;
    return this.reader.materialise({ view: `cohort|${id}|${k}|${disclosure}`, asOf }, cohort.definition.orgIds, async (scan) => {
      const compiled = compileCohort(cohort.definition);
      const day = dayOf(asOf);
      let size = 0;
      let key = 0;
      const dataVersion = await scan((t) => {
        if (!memberOf(compiled, t, day)) return;
        size += 1;
        if (disclosure === 'protected') key = addRecordKey(key, this.recordKeys.of(t.subjectId));
      });
      const shown = disclosure === 'protected' ? roundByCellKey(size, key, k) : isSmallCount(size, k) ? null : size;
      return {
        ...stored, name: cohort.definition.name, asOf, k, disclosure, size: shown, suppressed: shown === null, dataVersion: publishedVersion(dataVersion, disclosure, k),
      };
    });
  }

  /** One outcome's trajectory; its horizon counts against MAX_QUERY_COST as 1 arm × 1 outcome × months. */
  async trajectory(id: string, params: TrajectoryParams, disclosure: DisclosureMode): Promise<Materialised<TrajectoryResponse>> {
    checkQueryCost('trajectory', { arms: 1, outcomes: 1, horizonMonths: params.horizonMonths }, this.reader.limits.queryCost);
    const cohort = cohortIn(disclosure, await this.get(id));
    const asOf = asOfIn(disclosure, params.asOf ?? this.reader.today());
    const k = this.reader.k;
    const { outcome, estimator, interval, horizonMonths } = params;
    const name = { view: `trajectory|${id}|${outcome}|${estimator}|${interval}|${horizonMonths}|${k}|${disclosure}`, asOf };
    const view = this.reader.materialise(name, cohort.definition.orgIds, async (scan) => {
      const window = { asOf: dayOf(asOf), horizonDays: monthsToDays(horizonMonths) };
      const parsed = parseOutcome(outcome);
      const columns = new FollowUpColumns();
      const dataVersion = await scanMembers([cohort], asOf, scan, (_, m) => {
        const f = followUp(m, parsed, window);
        if (f) columns.push(f, disclosure === 'protected' ? this.recordKeys.of(m.timeline.subjectId) : 0);
      });
      const header = { cohortId: id, cohortName: cohort.definition.name, asOf, interval, horizonMonths, k, disclosure, dataVersion };
      return this.reader.estimate<TrajectoryResponse>({ kind: 'trajectory', header, outcome, estimator, followUps: columns.packed() });
    });
    this.reader.remember(`${name.view}|${asOf}`, () => this.trajectory(id, { ...params, asOf: params.asOf ?? this.reader.today() }, disclosure));
    return view;
  }
}

/**
 * One scan of the timelines: each member of each cohort as of a date, handed to `onMember` as it is
 * found (so that the scan's slices include the per-member work, and members need not be kept).
 */
export async function scanMembers(
  cohorts: readonly Cohort[],
  asOf: string,
  scan: TimelineScan,
  onMember: (cohort: number, member: CohortMember) => void,
): Promise<DataVersion> {
  const compiled = cohorts.map((c) => compileCohort(c.definition));
  const day = dayOf(asOf);
  return scan((t) => {
    for (let i = 0; i < compiled.length; i++) {
      const m = memberOf(compiled[i], t, day);
      if (m) onMember(i, m);
    }
  });
}
