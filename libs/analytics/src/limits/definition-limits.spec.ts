import { loadConfig } from '@rung/platform';
import { InMemorySubjectTimelineStore, type SubjectTimelineProjector } from '@rung/projections';
import { timelineOf } from '@rung/testing';
import type { Cohort } from '../cohorts/cohort-definition';
import { CohortViews } from '../cohorts/cohort-views.service';
import { InMemoryArchiveStore } from '../archive/archive.store';
import { Archives } from '../archive/archives.service';
import { RecordKeys } from '../disclosure/record-keys';
import { InMemoryCohortStore } from '../cohorts/cohort.store';
import type { OutcomeName } from '../cohorts/outcomes';
import { AnalyticsReader } from '../materialisation/analytics-reader';
import { DataVersions } from '../materialisation/data-versions';
import type { Study } from '../studies/study-definition';
import { StudyReports } from '../studies/study-reports.service';
import { checkpointId, InMemoryCheckpointStore, InMemoryStudyStore } from '../studies/study.store';

const TODAY = Date.parse('2026-03-04T10:00:00Z');

function setUp(env: Record<string, string> = {}, clock = () => new Date(TODAY)) {
  const timelines = new InMemorySubjectTimelineStore();
  const projector = { current: (id: string) => timelines.get(id) } as unknown as SubjectTimelineProjector;
  const reader = new AnalyticsReader(timelines, projector, new DataVersions(), loadConfig(env), clock);
  const stores = { cohorts: new InMemoryCohortStore(), studies: new InMemoryStudyStore(), checkpoints: new InMemoryCheckpointStore() };
  const recordKeys = new RecordKeys(Buffer.alloc(32, 7));
  const archives = new Archives(new InMemoryArchiveStore(), clock);
  const cohorts = new CohortViews(stores.cohorts, reader, recordKeys, archives);
  const studies = new StudyReports(stores.studies, stores.checkpoints, stores.cohorts, reader, recordKeys, archives);
  return { timelines, reader, stores, cohorts, studies, archives };
}

const cohortOf = (orgId: string, name = 'Hired 2020') => ({ name, orgIds: [orgId], entry: { on: 'EmployeeHired', between: ['2020-01-01', '2020-12-31'] } });
const ALL_OUTCOMES: OutcomeName[] = ['promotion', 'exit', 'level-3', 'level-4', 'level-5', 'level-6', 'level-7', 'applied-above', 'appointed-above'];

async function armsOver(cohorts: CohortViews, orgId: string, n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await cohorts.define(cohortOf(orgId, `arm ${i}`))).id);
  return ids.map((cohortId, i) => ({ name: `arm ${i}`, cohortId }));
}

const studyOf = (arms: Array<{ name: string; cohortId: string }>, outcomes: OutcomeName[], horizonMonths: number, checkpointsMonths: number[] = []) => ({
  name: 'Study', arms, outcomes, horizonMonths, interval: 'month', checkpointsMonths,
});

async function hires(timelines: InMemorySubjectTimelineStore, orgId: string, n: number) {
  for (let i = 0; i < n; i++) {
    await timelines.put(timelineOf(`${orgId}-${i}`, (s) => {
      s.add('EmployeeHired', `2020-0${1 + (i % 9)}-15`);
      if (i % 3 === 0) s.add('PromotionGranted', '2022-06-01');
      if (i % 4 === 0) s.add('EmployeeLeft', '2023-02-01');
    }, orgId));
  }
}

describe('definition limits: query cost', () => {
  it('given a study over MAX_QUERY_COST, then it is refused with 422 naming the limit, and nothing is stored', async () => {
    const { cohorts, studies } = setUp();
    const arms = await armsOver(cohorts, 'org-a', 10);
    await expect(studies.define(studyOf(arms, ['promotion', 'exit', 'level-3'], 600))).rejects.toMatchObject({
      code: 'limit-exceeded',
      message: expect.stringContaining('10 arms × 3 outcomes × 600 months = 18,000 arm-outcome-months; the limit is 4,320 (MAX_QUERY_COST)'),
    });
    expect(await studies.list()).toEqual([]);
  });

  it('given the normal studies, then they are accepted under the default limit', async () => {
    const { cohorts, studies } = setUp();
    const arms = await armsOver(cohorts, 'org-a', 4);
    await expect(studies.define(studyOf(arms.slice(0, 2), ['promotion', 'exit', 'level-3'], 36))).resolves.toMatchObject({ id: expect.any(String) });
    await expect(studies.define(studyOf(arms, ALL_OUTCOMES, 120))).resolves.toMatchObject({ id: expect.any(String) });
  });

  it('given a trajectory over MAX_QUERY_COST, then it is refused naming the limit, and one within it is computed', async () => {
    const { cohorts, timelines } = setUp({ MAX_QUERY_COST: '60' });
    await hires(timelines, 'org-a', 10);
    const { id } = await cohorts.define(cohortOf('org-a'));
    const params = { outcome: 'exit' as const, estimator: 'kaplan-meier' as const, interval: 'month' as const, format: 'json' as const };
    await expect(cohorts.trajectory(id, { ...params, horizonMonths: 61 }, 'exact')).rejects.toMatchObject({ code: 'limit-exceeded', message: expect.stringContaining('(MAX_QUERY_COST)') });
    await expect(cohorts.trajectory(id, { ...params, horizonMonths: 60 }, 'exact')).resolves.toMatchObject({ value: { n: 10, horizonMonths: 60 } });
  });
});

describe('definition limits: per organisation', () => {
  it('given an organisation at MAX_COHORTS_PER_ORG, then one more cohort over it is refused, and other organisations are not', async () => {
    const { cohorts } = setUp({ MAX_COHORTS_PER_ORG: '2' });
    await cohorts.define(cohortOf('org-a'));
    await cohorts.define(cohortOf('org-a'));
    await expect(cohorts.define(cohortOf('org-a'))).rejects.toMatchObject({ code: 'limit-exceeded', message: expect.stringContaining('(MAX_COHORTS_PER_ORG)') });
    await expect(cohorts.define(cohortOf('org-b'))).resolves.toMatchObject({ id: expect.any(String) });
    expect(await cohorts.list()).toHaveLength(3);
  });

  it('given cohorts defined at once, then no more than the limit are stored', async () => {
    const { cohorts } = setUp({ MAX_COHORTS_PER_ORG: '2' });
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map(() => cohorts.define(cohortOf('org-a'))));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
    expect(await cohorts.list()).toHaveLength(2);
  });

  it('given an organisation at MAX_STUDIES_PER_ORG, then one more study over it is refused naming the limit', async () => {
    const { cohorts, studies } = setUp({ MAX_STUDIES_PER_ORG: '2' });
    const arms = await armsOver(cohorts, 'org-a', 2);
    const other = await armsOver(cohorts, 'org-b', 2);
    await studies.define(studyOf(arms, ['exit'], 12));
    await studies.define(studyOf(arms, ['exit'], 24));
    await expect(studies.define(studyOf(arms, ['exit'], 36))).rejects.toMatchObject({ code: 'limit-exceeded', message: expect.stringContaining('Organisation org-a has 2 studies') });
    await expect(studies.define(studyOf(other, ['exit'], 36))).resolves.toMatchObject({ id: expect.any(String) });
  });

  it('given an organisation near MAX_CHECKPOINTS_PER_ORG, then a study whose checkpoints would pass it is refused, and a smaller one is not', async () => {
    const { cohorts, studies } = setUp({ MAX_CHECKPOINTS_PER_ORG: '6' });
    const arms = await armsOver(cohorts, 'org-a', 2);
    await studies.define(studyOf(arms, ['exit'], 36, [6, 12, 24, 36]));
    await expect(studies.define(studyOf(arms, ['exit'], 36, [12, 24, 36]))).rejects.toMatchObject({
      code: 'limit-exceeded', message: expect.stringContaining('(MAX_CHECKPOINTS_PER_ORG)'),
    });
    await expect(studies.define(studyOf(arms, ['exit'], 36, [12, 36]))).resolves.toMatchObject({ definition: { checkpointsMonths: [12, 36] } });
  });

  it('given definitions stored before a limit was lowered, then they are all kept and still reported, while new ones are refused', async () => {
    const { stores, cohorts, studies, timelines } = setUp({ MAX_COHORTS_PER_ORG: '2', MAX_QUERY_COST: '100' });
    await hires(timelines, 'org-a', 12);
    const definition = { ...cohortOf('org-a'), where: {} } as Cohort['definition'];
    for (const id of ['c1', 'c2', 'c3']) await stores.cohorts.insert(id, { id, definedAt: '2025-01-01T00:00:00Z', definition });
    const legacy: Study = {
      id: 'old', definedAt: '2025-01-01T00:00:00Z',
      definition: { name: 'Old', arms: [{ name: 'a', cohortId: 'c1' }, { name: 'b', cohortId: 'c2' }], outcomes: ['exit'], horizonMonths: 120, interval: 'year', checkpointsMonths: [] },
    };
    await stores.studies.insert(legacy.id, legacy);

    await expect(cohorts.define(cohortOf('org-a'))).rejects.toMatchObject({ code: 'limit-exceeded' });
    expect((await cohorts.list()).map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    expect((await studies.report('old', undefined, 'exact')).value).toMatchObject({ studyId: 'old', horizonMonths: 120, arms: [{ size: 12 }, { size: 12 }] });
  });
});

describe('definition limits: checkpoint size', () => {
  async function dueCheckpoint(env: Record<string, string>) {
    const setup = setUp(env);
    await hires(setup.timelines, 'org-a', 30);
    const arms = await armsOver(setup.cohorts, 'org-a', 2);
    const study = await setup.studies.define(studyOf(arms, ALL_OUTCOMES, 60, [60]));
    return { ...setup, study };
  }

  it('given a checkpoint report over MAX_CHECKPOINT_BYTES, then freezing it is refused naming the limit, and nothing is stored', async () => {
    const { studies, stores, study } = await dueCheckpoint({ MAX_CHECKPOINT_BYTES: '65536' });
    await expect(studies.checkpoint(study.id, 60, 'exact')).rejects.toMatchObject({
      code: 'limit-exceeded', message: expect.stringMatching(/^The month 60 checkpoint report would take [\d,]+ bytes; the limit is 65,536 \(MAX_CHECKPOINT_BYTES\)/),
    });
    expect(await stores.checkpoints.get(checkpointId(study.id, 60))).toBeUndefined();
    // Each disclosure mode's checkpoint is frozen on its own, and both are over the limit.
    expect(await studies.freezeDue()).toEqual({ frozen: 0, failed: 2 });
  });

  it('given the default limit, then the same checkpoint is frozen', async () => {
    const { studies, stores, study } = await dueCheckpoint({});
    const frozen = await studies.checkpoint(study.id, 60, 'exact');
    expect(frozen).toMatchObject({ studyId: study.id, month: 60, report: { horizonMonths: 60 } });
    expect(await stores.checkpoints.get(checkpointId(study.id, 60))).toEqual(frozen);
  });
});

describe('study reports and the event loop', () => {
  it('given a cold report over many timelines, then the event loop keeps getting turns while it is computed', async () => {
    let t = TODAY;
    const { cohorts, studies, timelines } = setUp({}, () => new Date((t += 1)));
    await hires(timelines, 'org-a', 3000);
    const arms = await armsOver(cohorts, 'org-a', 2);
    const study = await studies.define(studyOf(arms, ['promotion', 'exit'], 36));
    let turns = 0;
    let computing = true;
    const tick = (): void => {
      turns += 1;
      if (computing) setImmediate(tick);
    };
    const report = studies.report(study.id, '2025-06-30', 'exact');
    setImmediate(tick);
    const { value } = await report;
    computing = false;

    expect(value.arms.map((a) => a.size)).toEqual([3000, 3000]);
    expect(turns).toBeGreaterThanOrEqual(10);
  });
});
