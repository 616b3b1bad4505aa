import { loadConfig } from '@rung/platform';
import { InMemorySubjectTimelineStore, type SubjectTimeline, type SubjectTimelineProjector } from '@rung/projections';
import { timelineOf } from '@rung/testing';
import { AnalyticsReader } from './analytics-reader';
import { DataVersions } from './data-versions';

function setUp() {
  const store = new InMemorySubjectTimelineStore();
  const projected: string[] = [];
  const projector = {
    current: async (id: string) => {
      projected.push(id);
      return store.get(id);
    },
  } as unknown as SubjectTimelineProjector;
  const config = loadConfig({ SUPPRESSION_K: '5', ANALYTICS_CACHE_ENTRIES: '10' });
  const reader = new AnalyticsReader(store, projector, new DataVersions(), config, () => new Date('2026-03-04T10:00:00Z'));
  let computed = 0;
  const count = (orgId: string) => reader.materialise(`count|${orgId}`, [orgId], async (scan) => {
    computed += 1;
    let n = 0;
    const version = await scan(() => (n += 1));
    return { n, version };
  });
  return { store, reader, projected, count, computations: () => computed };
}

const hire = (id: string, orgId: string, extra = 0): SubjectTimeline =>
  timelineOf(id, (s) => {
    s.add('EmployeeHired', '2020-01-01');
    for (let i = 0; i < extra; i++) s.add('TrainingAccessed', '2021-01-01');
  }, orgId);

describe('analytics reader: materialised views keyed by data version', () => {
  it('given a view read once, when read again with no new data, then it is served from the cache without computing', async () => {
    const { store, count, computations } = setUp();
    await store.put(hire('a', 'org-a'));
    const first = await count('org-a');
    const second = await count('org-a');

    expect(second).toBe(first);
    expect(computations()).toBe(1);
    expect(first.value).toMatchObject({ n: 1, version: { subjects: 1, events: 1 } });
    expect(first.json.etag).toMatch(/^".+"$/);
  });

  it('given an append to one organisation, then exactly that organisation’s views are computed again', async () => {
    const { store, reader, count, computations } = setUp();
    await store.put(hire('a', 'org-a'));
    await store.put(hire('b', 'org-b'));
    await count('org-a');
    await count('org-b');

    await store.put(hire('a2', 'org-a'));
    reader.recorded([{ streamId: 'a2', orgId: 'org-a', version: 1 }]);

    const b = await count('org-b');
    expect(computations()).toBe(2);
    const a = await count('org-a');
    expect(computations()).toBe(3);
    expect(a.value).toMatchObject({ n: 2 });
    expect(b.value).toMatchObject({ n: 1 });
  });

  it('given appended streams not yet projected, when a view of their organisation is computed, then they are brought level first, once', async () => {
    const { reader, projected, count } = setUp();
    reader.recorded([{ streamId: 's1', orgId: 'org-a', version: 3 }, { streamId: 's2', orgId: 'org-b', version: 1 }]);

    await count('org-a');
    expect(projected).toEqual(['s1']);
    await count('org-a');
    expect(projected).toEqual(['s1']);
  });

  it('given two reads of the same view at once, then it is computed once', async () => {
    const { store, count, computations } = setUp();
    await store.put(hire('a', 'org-a'));
    const [x, y] = await Promise.all([count('org-a'), count('org-a')]);
    expect(x).toBe(y);
    expect(computations()).toBe(1);
  });

  it('given a timeline changed without an in-process event, when reconciled, then that organisation’s views are dropped and the others kept', async () => {
    const { store, reader, count, computations } = setUp();
    await store.put(hire('a', 'org-a'));
    await store.put(hire('b', 'org-b'));
    await count('org-a');
    await count('org-b');
    await store.put(hire('a', 'org-a', 2));

    expect(await reader.reconcile()).toEqual(['org-a']);
    await count('org-b');
    expect(computations()).toBe(2);
    expect((await count('org-a')).value).toMatchObject({ version: { events: 3 } });
    expect(computations()).toBe(3);
  });

  it('given the clock, then today is its UTC date and k comes from the configuration', () => {
    const { reader } = setUp();
    expect(reader.today()).toBe('2026-03-04');
    expect(reader.k).toBe(5);
  });
});
