import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FieldError } from '@rung/contracts';
import { DISCLOSURE_MODES, DomainError, groupOf, type DisclosureMode } from '@rung/domain';
import { dayOf, type Day } from '../common/days';
import { monthsToDays } from '../common/intervals';
import { Serial } from '../common/serial';
import { invalid, orThrow } from '../common/validation';
import type { Cohort } from '../cohorts/cohort-definition';
import { scanMembers } from '../cohorts/cohort-views.service';
import { COHORT_STORE, type CohortStore } from '../cohorts/cohort.store';
import { RecordKeys } from '../disclosure/record-keys';
import { asOfIn, cohortIn, lastOfMonth } from '../disclosure/snapping';
import { checkCheckpointBytes, checkPerOrg, checkQueryCost, type OrgCount } from '../limits/limits';
import { AnalyticsReader, type Materialised, type Serialised, type TimelineScan } from '../materialisation/analytics-reader';
import { checkpointDueOn, checkpointState, recruitmentEnd, type CheckpointStatus, type FrozenCheckpoint } from './checkpoints';
import { DEFAULT_APPLICATION_MONTHS, DEFAULT_STUDY_GROUPING, type Study, type StudyDefinition } from './study-definition';
import { validateStudyDefinition } from './study-definition.dto';
import { ArmDataBuilder, type StudyReport } from './study-report';
import { Archives } from '../archive/archives.service';
import { GROUPS_BY_GROUPING } from '../cohorts/cohort-definition.dto';
import type { EvaluationWindow } from './evaluation-columns';
import { CHECKPOINT_STORE, checkpointId, STUDY_STORE, type CheckpointStore, type StudyStore } from './study.store';

/** Studies: definitions, reports computed from the current timelines, and frozen checkpoints. */
@Injectable()
export class StudyReports {
  private readonly definitions = new Serial();

  constructor(
    @Inject(STUDY_STORE) private readonly studies: StudyStore,
    @Inject(CHECKPOINT_STORE) private readonly checkpoints: CheckpointStore,
    @Inject(COHORT_STORE) private readonly cohorts: CohortStore,
    private readonly reader: AnalyticsReader,
    private readonly recordKeys: RecordKeys,
    private readonly archives: Archives,
  ) {}

  /**
   * Stores a study unless it is over a limit (422 `limit-exceeded`): its arms × outcomes × horizon
   * (MAX_QUERY_COST), or its organisations' studies or checkpoints. Limits refuse new definitions
   * only; those already stored are kept and still reported.
   */
  async define(raw: unknown): Promise<Study> {
    const definition = orThrow(validateStudyDefinition(raw), 'study definition');
    const cohorts = await this.definedCohorts(definition);
    const { arms, outcomes, horizonMonths } = definition;
    checkQueryCost('study', { arms: arms.length, outcomes: outcomes.length, horizonMonths }, this.reader.limits.queryCost);
    return this.definitions.run(async () => {
      await this.checkPerOrgLimits(definition, orgIdsOf(cohorts));
      const study: Study = { id: randomUUID(), definedAt: this.reader.now(), definition };
      await this.studies.insert(study.id, study);
      return study;
    });
  }

  /** A study, archived or not: archiving keeps its checkpoints. */
  async get(id: string): Promise<Study> {
    const study = await this.studies.get(id);
    if (!study) throw new DomainError('not-found', 'There is no study with this id.');
    return study;
  }

  /** A study that is not archived (410 when it was). */
  async live(id: string): Promise<Study> {
    const study = await this.get(id);
    await this.archives.requireLive('study', id);
    return study;
  }

  /** The studies that are not archived. */
  async list(): Promise<Study[]> {
    const archived = await this.archives.archivedIds('study');
    return (await this.studies.list()).filter((s) => !archived.has(s.id));
  }

  /** The report as of a date (today by default), materialised per data version. */
  async report(id: string, asOf: string | undefined, disclosure: DisclosureMode): Promise<Materialised<StudyReport>> {
    const study = await this.live(id);
    const cohorts = await this.armCohorts(study, disclosure);
    const date = asOfIn(disclosure, asOf ?? this.reader.today());
    const name = { view: `report|${id}|${this.reader.k}|${disclosure}`, asOf: date };
    const view = this.reader.materialise(name, orgIdsOf(cohorts), (scan) =>
      this.compute(study, cohorts, { asOf: date, horizonMonths: study.definition.horizonMonths, disclosure }, scan),
    );
    if (asOf === undefined) this.reader.remember(name.view, () => this.report(id, undefined, disclosure));
    return view;
  }

  async checkpointStatuses(id: string, disclosure: DisclosureMode): Promise<{ studyId: string; recruitmentEnd: string; checkpoints: CheckpointStatus[] }> {
    const study = await this.get(id);
    const end = recruitmentEnd(await this.armCohorts(study, disclosure));
    const today = this.reader.today();
    const checkpoints = await Promise.all(
      study.definition.checkpointsMonths.map(async (month): Promise<CheckpointStatus> => {
        const dueOn = dueOnIn(disclosure, end, month);
        const frozen = await this.checkpoints.get(checkpointId(id, month, disclosure));
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
   * version it saw; every later read returns that stored report, whatever arrives afterwards. A
   * report over MAX_CHECKPOINT_BYTES is refused (422) rather than stored.
   */
  async checkpoint(id: string, month: number, disclosure: DisclosureMode): Promise<FrozenCheckpoint> {
    const study = await this.get(id);
    if (!study.definition.checkpointsMonths.includes(month)) {
      throw new DomainError('not-found', `This study has no checkpoint at month ${month}; it has ${study.definition.checkpointsMonths.join(', ') || 'none'}.`);
    }
    const storedId = checkpointId(id, month, disclosure);
    const stored = await this.checkpoints.get(storedId);
    if (stored) return stored;
    await this.archives.requireLive('study', id);
    const cohorts = await this.armCohorts(study, disclosure);
    const dueOn = dueOnIn(disclosure, recruitmentEnd(cohorts), month);
    if (this.reader.today() < dueOn) {
      throw new DomainError('checkpoint-not-reached', `Checkpoint month ${month} is due on ${dueOn}; it is frozen on the first read from then.`);
    }
    const view = await this.reader.materialise(`checkpoint|${id}|${month}|${this.reader.k}|${disclosure}`, orgIdsOf(cohorts), (scan) =>
      this.compute(study, cohorts, { asOf: dueOn, horizonMonths: month, disclosure }, scan),
    );
    checkCheckpointBytes(month, view.json.body.length, this.reader.limits.checkpointBytes);
    const report = view.value;
    const frozen: FrozenCheckpoint = { studyId: id, month, dueOn, frozenAt: this.reader.now(), dataVersion: report.dataVersion, report };
    await this.checkpoints.insert(storedId, frozen);
    return (await this.checkpoints.get(storedId)) ?? frozen;
  }

  /** The organisations a study's arms cover. */
  async orgIds(id: string): Promise<string[]> {
    return orgIdsOf(await this.armCohorts(await this.get(id), 'exact'));
  }

  /** Freezes every checkpoint that is due and not yet frozen; one that fails (over a limit, say) is tried again next run. */
  async freezeDue(): Promise<{ frozen: number; failed: number }> {
    let frozen = 0;
    let failed = 0;
    const today = this.reader.today();
    for (const study of await this.list()) {
      for (const disclosure of DISCLOSURE_MODES) {
        const cohorts = await this.armCohorts(study, disclosure).catch(() => null);
        if (!cohorts) continue;
        for (const month of study.definition.checkpointsMonths) {
          if (today < dueOnIn(disclosure, recruitmentEnd(cohorts), month) || (await this.checkpoints.get(checkpointId(study.id, month, disclosure)))) continue;
          if (await this.checkpoint(study.id, month, disclosure).then(() => true, () => false)) frozen += 1;
          else failed += 1;
        }
      }
    }
    return { frozen, failed };
  }

  /** Materialises today's report of every study; returns how many studies there are. */
  async materialiseAll(): Promise<number> {
    const studies = await this.list();
    for (const study of studies) {
      for (const disclosure of DISCLOSURE_MODES) await this.report(study.id, undefined, disclosure).catch(() => undefined);
    }
    return studies.length;
  }

  /** The arms' cohorts as this mode evaluates them. */
  private async armCohorts(study: Study, disclosure: DisclosureMode): Promise<Cohort[]> {
    return Promise.all(
      study.definition.arms.map(async (arm) => {
        const cohort = await this.cohorts.get(arm.cohortId);
        if (!cohort) throw new DomainError('not-found', `The cohort of arm ${arm.name} no longer exists.`);
        return cohortIn(disclosure, cohort);
      }),
    );
  }

  /** The cohorts a new definition names, or 422 naming each arm whose cohort does not exist or is archived. */
  private async definedCohorts(definition: StudyDefinition): Promise<Cohort[]> {
    const found = await Promise.all(definition.arms.map((arm) => this.cohorts.get(arm.cohortId)));
    const archived = await this.archives.archivedIds('cohort');
    const missing: FieldError[] = [];
    found.forEach((c, i) => {
      if (!c) missing.push({ path: `arms[${i}].cohortId`, message: 'is not the id of a cohort' });
      else if (archived.has(c.id)) missing.push({ path: `arms[${i}].cohortId`, message: 'is an archived cohort' });
    });
    if (missing.length) throw invalid('study definition', missing);
    return found as Cohort[];
  }

  private async checkPerOrgLimits(definition: StudyDefinition, orgIds: string[]): Promise<void> {
    const stored = await Promise.all(
      (await this.list()).map(async (s) => {
        const cohorts = await Promise.all(s.definition.arms.map((arm) => this.cohorts.get(arm.cohortId)));
        return { orgIds: orgIdsOf(cohorts.filter((c): c is Cohort => c !== undefined)), checkpoints: s.definition.checkpointsMonths.length };
      }),
    );
    const studies: OrgCount[] = stored.map((s) => ({ orgIds: s.orgIds, count: 1 }));
    checkPerOrg('studies', studies, { orgIds, count: 1 }, this.reader.limits.studiesPerOrg);
    const checkpoints: OrgCount[] = stored.map((s) => ({ orgIds: s.orgIds, count: s.checkpoints }));
    checkPerOrg('checkpoints', checkpoints, { orgIds, count: definition.checkpointsMonths.length }, this.reader.limits.checkpointsPerOrg);
  }

  /**
   * One scan extracts every arm's follow-ups, member by member, into typed columns; the curves,
   * tables and tests are then estimated from those alone, on a worker thread when there is one.
   */
  private async compute(
    study: Study, cohorts: readonly Cohort[], at: { asOf: string; horizonMonths: number; disclosure: DisclosureMode }, scan: TimelineScan,
  ): Promise<Serialised<StudyReport>> {
    const { asOf, horizonMonths, disclosure } = at;
    const window = { asOf: dayOf(asOf), horizonDays: monthsToDays(horizonMonths) };
    const { outcomes } = study.definition;
    const extras = { adjust: study.definition.adjust, evaluation: evaluationWindow(study.definition, window.asOf) };
    const builders = study.definition.arms.map((arm) => new ArmDataBuilder(arm.name, arm.cohortId, outcomes, window, extras));
    const keyed = disclosure === 'protected';
    const dataVersion = await scanMembers(cohorts, asOf, scan, (i, m) => builders[i].add(m, keyed ? this.recordKeys.of(m.timeline.subjectId) : 0));
    const arms = builders.map((b) => b.packed());
    const input = { study, asOf, k: this.reader.k, disclosure, dataVersion, horizonMonths };
    return this.reader.estimate<StudyReport>({ kind: 'study-report', input, arms });
  }
}

/** A checkpoint is due `month` months after recruitment ends; a protected one at the end of that month. */
function dueOnIn(disclosure: DisclosureMode, end: string, month: number): string {
  const dueOn = checkpointDueOn(end, month);
  return disclosure === 'protected' ? lastOfMonth(dueOn) : dueOn;
}

/** What the programme-evaluation figures collect of each member: the application window, and the study's grouping. */
function evaluationWindow(definition: StudyDefinition, asOf: Day): EvaluationWindow {
  const grouping = definition.grouping ?? DEFAULT_STUDY_GROUPING;
  return {
    asOf,
    applicationDays: monthsToDays(definition.applicationsWithinMonths ?? DEFAULT_APPLICATION_MONTHS),
    groups: GROUPS_BY_GROUPING[grouping],
    groupOf: (member) => groupOf(grouping, member.timeline.demographics),
  };
}

function orgIdsOf(cohorts: readonly Cohort[]): string[] {
  return [...new Set(cohorts.flatMap((c) => c.definition.orgIds))].sort();
}
