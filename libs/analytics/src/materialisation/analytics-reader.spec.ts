import { loadConfig } from '@rung/platform';
import { InMemorySubjectTimelineStore, InProcessReadModelVersions, type SubjectTimeline, type SubjectTimelineProjector } from '@rung/projections';
import { timelineOf } from '@rung/testing';
import { AnalyticsReader } from './analytics-reader';
import { DataVersions } from './data-versions';
import { ReadModelWatch } from './read-model-watch';

function setUp(env: Record<string, string> = {}, clock = () => new Date('2026-03-04T10:00:00Z')) {
  const store = new InMemorySubjectTimelineStore();
  const projected: string[] = [];
  const projector = {
    current: async (id: string) => {
      projected.push(id);
      return store.get(id);
    },
  } as unknown as SubjectTimelineProjector;
  const config = loadConfig({ SUPPRESSION_K: '5', ANALYTICS_CACHE_ENTRIES: '10', ...env });
  const reader = new AnalyticsReader(store, projector, new DataVersions(), config, clock);
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

  it('given representations handed out, then each is current until a change drops its view, and none made elsewhere is', async () => {
    const { store, reader, count } = setUp();
    await store.put(hire('a', 'org-a'));
    await store.put(hire('b', 'org-b'));
    const a = await count('org-a');
    const b = await count('org-b');
    const csv = reader.csvOf(a, (v) => JSON.stringify(v));
    expect([reader.isCurrent(a.json), reader.isCurrent(csv), reader.isCurrent(b.json)]).toEqual([true, true, true]);
    expect(reader.isCurrent({ ...a.json })).toBe(false);

    reader.recorded([{ streamId: 'a', orgId: 'org-a', version: 2 }]);
    expect([reader.isCurrent(a.json), reader.isCurrent(csv), reader.isCurrent(b.json)]).toEqual([false, false, true]);
    reader.invalidateAll();
    expect(reader.isCurrent(b.json)).toBe(false);
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

  it('given a timeline changed by another process, when the read-model versions are next read, then that organisation’s views are dropped and the others kept', async () => {
    const { store, reader, count, computations } = setUp();
    const versions = new InProcessReadModelVersions();
    const watch = new ReadModelWatch(versions, reader, null as never, null as never, null as never);
    await versions.bump(['org-a', 'org-b']);
    expect(await watch.poll()).toEqual([]);
    await store.put(hire('a', 'org-a'));
    await store.put(hire('b', 'org-b'));
    await count('org-a');
    await count('org-b');

    await store.put(hire('a', 'org-a', 2));
    expect(await watch.poll()).toEqual([]);
    expect((await count('org-a')).value).toMatchObject({ version: { events: 1 } });
    await versions.bump(['org-a']);
    expect(await watch.poll()).toEqual(['org-a']);
    await count('org-b');
    expect(computations()).toBe(2);
    expect((await count('org-a')).value).toMatchObject({ version: { events: 3 } });
    expect(computations()).toBe(3);
  });

  it('given views of two organisations, when every view is dropped (a rebuild), then each is computed again on its next read', async () => {
    const { store, reader, count, computations } = setUp();
    await store.put(hire('a', 'org-a'));
    await store.put(hire('b', 'org-b'));
    await count('org-a');
    await count('org-b');
    reader.invalidateAll();
    await count('org-a');
    await count('org-b');
    expect(computations()).toBe(4);
    expect(reader.cachedViews).toBe(2);
  });

  it('given the clock, then today is its UTC date and k comes from the configuration', () => {
    const { reader } = setUp();
    expect(reader.today()).toBe('2026-03-04');
    expect(reader.k).toBe(5);
  });
});

/** A clock that moves one millisecond each time it is read: slices end after a known amount of reading, not of work. */
function steppingClock(): () => Date {
  let t = Date.parse('2026-03-04T10:00:00Z');
  return () => new Date((t += 1));
}

describe('analytics reader: bounded memory and a responsive event loop', () => {
  it('given a view read as of more dates than ANALYTICS_CACHE_AS_OF_VALUES, then only the most recently read dates stay cached', async () => {
    const { store, reader } = setUp({ ANALYTICS_CACHE_AS_OF_VALUES: '3', ANALYTICS_CACHE_ENTRIES: '500' });
    await store.put(hire('a', 'org-a'));
    let computed = 0;
    const asOf = (date: string) => reader.materialise({ view: 'report|s1', asOf: date }, ['org-a'], async (scan) => {
      computed += 1;
      await scan(() => undefined);
      return { date };
    });
    for (let day = 1; day <= 25; day++) await asOf(`2025-01-${String(day).padStart(2, '0')}`);

    expect(reader.cachedViews).toBe(3);
    expect(reader.cachedAsOf('report|s1')).toEqual(['2025-01-23', '2025-01-24', '2025-01-25']);
    await asOf('2025-01-24');
    expect(computed).toBe(25);
    await asOf('2025-01-01');
    expect(computed).toBe(26);
    expect(reader.cachedAsOf('report|s1')).toEqual(['2025-01-25', '2025-01-24', '2025-01-01']);
  });

  it('given a cold computation over many timelines, then a callback queued after it started runs before it finishes', async () => {
    const { store, reader } = setUp({}, steppingClock());
    for (let i = 0; i < 3000; i++) await store.put(hire(`s${i}`, 'org-a'));
    const events: string[] = [];
    const computing = reader.materialise('count|org-a', ['org-a'], async (scan) => {
      let n = 0;
      await scan(() => (n += 1));
      return n;
    }).then((view) => events.push(`computed ${view.value}`));
    setImmediate(() => events.push('other work'));
    await computing;

    expect(events).toEqual(['other work', 'computed 3000']);
  });

  it('given more distinct cold views than may run and wait, then the excess is refused with 429, and reads of one view share its computation', async () => {
    const { store, reader } = setUp({ ANALYTICS_COLD_CONCURRENCY: '1', ANALYTICS_COLD_QUEUE: '1' });
    await store.put(hire('a', 'org-a'));
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    let computed = 0;
    const view = (name: string) => reader.materialise(name, ['org-a'], async () => {
      computed += 1;
      await blocked;
      return name;
    });
    const first = [view('v1'), view('v1')];
    const second = view('v2');
    await expect(view('v3')).rejects.toMatchObject({ code: 'too-many-requests' });
    release();

    const [a, b] = await Promise.all(first);
    expect(a).toBe(b);
    expect((await second).value).toBe('v2');
    expect(computed).toBe(2);
  });
});
