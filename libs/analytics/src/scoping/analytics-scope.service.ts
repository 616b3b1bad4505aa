import { Inject, Injectable } from '@nestjs/common';
import { allInScope, DomainError, inScope, type OrgScope } from '@rung/domain';
import type { Cohort } from '../cohorts/cohort-definition';
import { COHORT_STORE, type CohortStore } from '../cohorts/cohort.store';
import type { Study } from '../studies/study-definition';
import { STUDY_STORE, type StudyStore } from '../studies/study.store';

/**
 * Which cohorts and studies a caller may see: those over its organisations only (§8). Anything else
 * reads as if it did not exist, so an answer never tells another organisation's cohort from no cohort.
 */
@Injectable()
export class AnalyticsScope {
  constructor(
    @Inject(COHORT_STORE) private readonly cohorts: CohortStore,
    @Inject(STUDY_STORE) private readonly studies: StudyStore,
  ) {}

  /** Refuses a cohort definition that names an organisation outside the scope (before it is validated or stored). */
  checkDefinition(raw: unknown, scope: OrgScope): void {
    const orgIds = (raw as { orgIds?: unknown } | null)?.orgIds;
    if (!Array.isArray(orgIds)) return;
    if (orgIds.some((o) => typeof o === 'string' && !inScope(scope, o))) {
      throw new DomainError('forbidden', 'A cohort may name only organisations that this key may read.');
    }
  }

  cohortVisible(cohort: Cohort | undefined, scope: OrgScope): cohort is Cohort {
    return cohort !== undefined && allInScope(scope, cohort.definition.orgIds);
  }

  async requireCohort(id: string, scope: OrgScope): Promise<void> {
    if (!this.cohortVisible(await this.cohorts.get(id), scope)) throw new DomainError('not-found', 'There is no cohort with this id.');
  }

  async studyVisible(study: Study | undefined, scope: OrgScope): Promise<boolean> {
    if (!study) return false;
    const cohorts = await Promise.all(study.definition.arms.map((arm) => this.cohorts.get(arm.cohortId)));
    return cohorts.every((c) => c === undefined || this.cohortVisible(c, scope));
  }

  async requireStudy(id: string, scope: OrgScope): Promise<void> {
    if (!(await this.studyVisible(await this.studies.get(id), scope))) throw new DomainError('not-found', 'There is no study with this id.');
  }

  /** The arms whose cohort the caller may not see, reported as unknown cohorts. */
  async hiddenArmCohorts(raw: unknown, scope: OrgScope): Promise<Array<{ path: string; message: string }>> {
    const arms = (raw as { arms?: unknown } | null)?.arms;
    if (!Array.isArray(arms)) return [];
    const errors: Array<{ path: string; message: string }> = [];
    for (const [i, arm] of arms.entries()) {
      const id = (arm as { cohortId?: unknown } | null)?.cohortId;
      if (typeof id !== 'string') continue;
      const cohort = await this.cohorts.get(id);
      if (cohort && !this.cohortVisible(cohort, scope)) errors.push({ path: `arms[${i}].cohortId`, message: 'is not the id of a cohort' });
    }
    return errors;
  }
}
