import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FieldError } from '@rung/contracts';
import { DomainError } from '@rung/domain';
import { dayOf } from '../common/days';
import { monthsToDays } from '../common/intervals';
import { invalid, orThrow } from '../common/validation';
import type { Cohort } from '../cohorts/cohort-definition';
import { collectMembers } from '../cohorts/cohort-views.service';
import { COHORT_STORE, type CohortStore } from '../cohorts/cohort.store';
import { AnalyticsReader, type Materialised, type TimelineScan } from '../materialisation/analytics-reader';
import { checkpointDueOn, checkpointState, recruitmentEnd, type CheckpointStatus, type FrozenCheckpoint } from './checkpoints';
import type { Study } from './study-definition';
import { validateStudyDefinition } from './study-definition.dto';
import { armData, assembleStudyReport, type StudyReport } from './study-report';
import { CHECKPOINT_STORE, checkpointId, STUDY_STORE, type CheckpointStore, type StudyStore } from './study.store';

/** Studies: definitions, reports computed from the current timelines, and frozen checkpoints. */
@Injectable()
export class StudyReports {
  constructor(
    @Inject(STUDY_STORE) private readonly studies: StudyStore,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
    @Inject(COHORT_STORE) private readonly cohorts: CohortStore,
    private readonly reader: AnalyticsReader,
  ) {}

  async define(raw: unknown): Promise<Study> {
    const definition = orThrow(validateStudyDefinition(raw), 'study definition');
    const missing: FieldError[] = [];
    for (const [i, arm] of definition.arms.entries()) {
      if (!(await this.cohorts.get(arm.cohortId))) missing.push({ path: `arms[${i}].cohortId`, message: 'is not the id of a cohort' });
    }
    if (missing.length) throw invalid('study definition', missing);
    const study: Study = { id: randomUUID(), definedAt: this.reader.now(), definition };
    await this.studies.insert(study.id, study);
    return study;
  }

  async get(id: string): Promise<Study> {
    const study = await this.studies.get(id);
    if (!study) throw new DomainError('not-found', 'There is no study with this id.');
    return study;
  }

  list(): Promise<Study[]> {
    return this.studies.list();
  }

  /** The report as of a date (today by default), materialised per data version. */
  async report(id: string, asOf?: string): Promise<Materialised<StudyReport>> {
    const study = await this.get(id);
    const cohorts = await this.armCohorts(study);
    const date = asOf ?? this.reader.today();
    const k = this.reader.k;
    const name = `report|${id}|${date}|${k}`;
    const view = this.reader.materialise(name, orgIdsOf(cohorts), (scan) => this.compute(study, cohorts, date, study.definition.horizonMonths, scan));
    if (asOf === undefined) this.reader.remember(name, () => this.report(id));
    return view;
  }

  async checkpointStatuses(id: string): Promise<{ studyId: string; recruitmentEnd: string; checkpoints: CheckpointStatus[] }> {
    const study = await this.get(id);
    const end = recruitmentEnd(await this.armCohorts(study));
    const today = this.reader.today();
    const checkpoints = await Promise.all(
      study.definition.checkpointsMonths.map(async (month): Promise<CheckpointStatus> => {
        const dueOn = checkpointDueOn(end, month);
        const frozen = await this.checkpoints.get(checkpointId(id, month));
        return {
          month, dueOn, status: checkpointState(dueOn, today, frozen), frozenAt: frozen?.frozenAt ?? null, dataVersion: frozen?.dataVersion ?? null,
        };
      }),
    );
    return { studyId: id, recruitmentEnd: end, checkpoints };
  }

  /**
   * The frozen report of checkpoint `month`. The first read on or after its due date computes it
   * (as of the due date, with a horizon of `month` months) and stores it write-once with the data
   * version it saw; every later read returns that stored report, whatever arrives afterwards.
   */
  async checkpoint(id: string, month: number): Promise<FrozenCheckpoint> {
    const study = await this.get(id);
    if (!study.definition.checkpointsMonths.includes(month)) {
      throw new DomainError('not-found', `This study has no checkpoint at month ${month}; it has ${study.definition.checkpointsMonths.join(', ') || 'none'}.`);
    }
    const stored = await this.checkpoints.get(checkpointId(id, month));
    if (stored) return stored;
    const cohorts = await this.armCohorts(study);
    const dueOn = checkpointDueOn(recruitmentEnd(cohorts), month);
    if (this.reader.today() < dueOn) {
      throw new DomainError('checkpoint-not-reached', `Checkpoint month ${month} is due on ${dueOn}; it is frozen on the first read from then.`);
    }
    const report = await this.reader.materialise(`checkpoint|${id}|${month}|${this.reader.k}`, orgIdsOf(cohorts), (scan) =>
      this.compute(study, cohorts, dueOn, month, scan),
    );
    const frozen: FrozenCheckpoint = {
      studyId: id, month, dueOn, frozenAt: this.reader.now(), dataVersion: report.value.dataVersion, report: report.value,
    };
    await this.checkpoints.insert(checkpointId(id, month), frozen);
    return (await this.checkpoints.get(checkpointId(id, month))) ?? frozen;
  }

  /** Freezes every checkpoint that is due and not yet frozen; returns how many it froze. */
  async freezeDue(): Promise<number> {
    let frozen = 0;
    const today = this.reader.today();
    for (const study of await this.studies.list()) {
      const cohorts = await this.armCohorts(study).catch(() => null);
      if (!cohorts) continue;
      for (const month of study.definition.checkpointsMonths) {
        if (today < checkpointDueOn(recruitmentEnd(cohorts), month) || (await this.checkpoints.get(checkpointId(study.id, month)))) continue;
        await this.checkpoint(study.id, month);
        frozen += 1;
      }
    }
    return frozen;
  }

  /** Materialises today's report of every study; returns how many studies there are. */
  async materialiseAll(): Promise<number> {
    const studies = await this.studies.list();
    for (const study of studies) await this.report(study.id).catch(() => undefined);
    return studies.length;
  }

  private async armCohorts(study: Study): Promise<Cohort[]> {
    return Promise.all(
      study.definition.arms.map(async (arm) => {
        const cohort = await this.cohorts.get(arm.cohortId);
        if (!cohort) throw new DomainError('not-found', `The cohort of arm ${arm.name} no longer exists.`);
        return cohort;
      }),
    );
  }

  private async compute(study: Study, cohorts: readonly Cohort[], asOf: string, horizonMonths: number, scan: TimelineScan): Promise<StudyReport> {
    const { members, dataVersion } = await collectMembers(cohorts, asOf, scan);
    const window = { asOf: dayOf(asOf), horizonDays: monthsToDays(horizonMonths) };
    const arms = study.definition.arms.map((arm, i) => armData(arm.name, arm.cohortId, members[i], study.definition.outcomes, window));
    return assembleStudyReport({ study, arms, asOf, k: this.reader.k, dataVersion, horizonMonths });
  }
}

function orgIdsOf(cohorts: readonly Cohort[]): string[] {
  return [...new Set(cohorts.flatMap((c) => c.definition.orgIds))].sort();
}
