import { scopeOf } from '@rung/domain';
import type { Cohort } from '../cohorts/cohort-definition';
import { InMemoryCohortStore } from '../cohorts/cohort.store';
import type { Study } from '../studies/study-definition';
import { InMemoryStudyStore } from '../studies/study.store';
import { AnalyticsScope } from './analytics-scope.service';

const cohort = (id: string, orgIds: string[]): Cohort => ({ id, definedAt: '2025-01-01T00:00:00Z', definition: { name: id, orgIds } } as unknown as Cohort);
const study = (id: string, cohortIds: string[]): Study =>
  ({ id, definedAt: '2025-01-01T00:00:00Z', definition: { arms: cohortIds.map((cohortId, i) => ({ name: `arm${i}`, cohortId })) } } as unknown as Study);

describe('what a caller may see of cohorts and studies', () => {
  const cohorts = new InMemoryCohortStore();
  const studies = new InMemoryStudyStore();
  const scope = new AnalyticsScope(cohorts, studies);
  const rx1 = scopeOf(['rx1-trust']);

  beforeAll(async () => {
    await cohorts.insert('mine', cohort('mine', ['rx1-trust']));
    await cohorts.insert('theirs', cohort('theirs', ['leeds-council']));
    await cohorts.insert('both', cohort('both', ['rx1-trust', 'leeds-council']));
    await studies.insert('s-mine', study('s-mine', ['mine', 'mine']));
    await studies.insert('s-mixed', study('s-mixed', ['mine', 'theirs']));
  });

  it('given a key for rx1-trust, when it defines a cohort naming another organisation, then it is forbidden', () => {
    expect(() => scope.checkDefinition({ orgIds: ['rx1-trust', 'leeds-council'] }, rx1)).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => scope.checkDefinition({ orgIds: ['rx1-trust'] }, rx1)).not.toThrow();
  });

  it('given a key for rx1-trust, then a cohort over another organisation reads as unknown', async () => {
    await expect(scope.requireCohort('mine', rx1)).resolves.toBeUndefined();
    await expect(scope.requireCohort('theirs', rx1)).rejects.toMatchObject({ code: 'not-found' });
    await expect(scope.requireCohort('both', rx1)).rejects.toMatchObject({ code: 'not-found' });
    await expect(scope.requireCohort('nothing', rx1)).rejects.toMatchObject({ code: 'not-found', message: 'There is no cohort with this id.' });
  });

  it('given a study with one arm over another organisation, then it reads as unknown, and its hidden arm is named', async () => {
    await expect(scope.requireStudy('s-mine', rx1)).resolves.toBeUndefined();
    await expect(scope.requireStudy('s-mixed', rx1)).rejects.toMatchObject({ code: 'not-found' });
    expect(await scope.hiddenArmCohorts({ arms: [{ cohortId: 'mine' }, { cohortId: 'theirs' }] }, rx1)).toEqual([{ path: 'arms[1].cohortId', message: 'is not the id of a cohort' }]);
  });

  it("given a key for every organisation, then everything is visible", async () => {
    await expect(scope.requireStudy('s-mixed', scopeOf(['*']))).resolves.toBeUndefined();
  });
});
