import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PseudonymisedEvent } from '@rung/contracts';
import { EmbeddedEventStore } from '@rung/event-store';
import { rawEvent } from '@rung/testing';
import { InProcessReadModelVersions } from '../read-model-versions/read-model-versions.port';
import { foldTimeline } from './subject-timeline.fold';
import { SubjectTimelineProjector } from './subject-timeline.projector';
import { InMemorySubjectTimelineStore } from './subject-timeline.store';

function event(subjectId: string, type: 'EmployeeHired' | 'TrainingAccessed', occurredAt: string): PseudonymisedEvent {
  const { subjectRef: _ref, ...raw } = rawEvent(type, { occurredAt });
  return { ...raw, subjectId } as PseudonymisedEvent;
}

describe('SubjectTimelineProjector over the embedded store', () => {
  let dir: string;
  let store: EmbeddedEventStore;
  let timelines: InMemorySubjectTimelineStore;
  let projector: SubjectTimelineProjector;
  let versions: InProcessReadModelVersions;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rung-proj-'));
    store = await EmbeddedEventStore.open({ dataDir: dir, now: () => new Date('2026-01-01') });
    timelines = new InMemorySubjectTimelineStore();
    versions = new InProcessReadModelVersions();
    projector = new SubjectTimelineProjector(store, timelines, versions);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given appends projected as they land, then each timeline equals a fold of its stream, late events included', async () => {
    await projector.applyAppended(await store.append([{ streamId: 'a', events: [event('a', 'EmployeeHired', '2020-01-01')] }]));
    await projector.applyAppended(await store.append([{ streamId: 'a', events: [event('a', 'TrainingAccessed', '2022-01-01')] }]));
    await projector.applyAppended(await store.append([{ streamId: 'a', events: [event('a', 'TrainingAccessed', '2021-01-01')] }]));

    const stream = await store.readStream('a');
    expect(await timelines.get('a')).toEqual(foldTimeline('a', 'rx1-trust', stream));
    expect((await timelines.get('a'))?.training.map((t) => t.at)).toEqual(['2021-01-01', '2022-01-01']);
  });

  it('given appends that were never projected (a crash in between), when catching up, then the lagging streams are found and folded', async () => {
    await projector.applyAppended(await store.append([{ streamId: 'a', events: [event('a', 'EmployeeHired', '2020-01-01')] }]));
    await store.append([{ streamId: 'a', events: [event('a', 'TrainingAccessed', '2021-01-01')] }, { streamId: 'b', events: [event('b', 'EmployeeHired', '2020-01-01')] }]);

    expect(await projector.catchUp()).toBe(2);
    expect((await timelines.get('a'))?.version).toBe(2);
    expect((await timelines.get('b'))?.version).toBe(1);
    expect(await projector.catchUp()).toBe(0);
  });

  it('given a lagging timeline, when read through current(), then it is brought up to date first', async () => {
    await store.append([{ streamId: 'a', events: [event('a', 'EmployeeHired', '2020-01-01')] }]);
    expect((await projector.current('a'))?.version).toBe(1);
    expect(await projector.current('nobody')).toBeUndefined();
  });

  it('given appends and a catch-up, then the versions of the organisations whose timelines changed move', async () => {
    await projector.applyAppended(await store.append([{ streamId: 'a', events: [event('a', 'EmployeeHired', '2020-01-01')] }]));
    expect(await versions.all()).toEqual(new Map([['rx1-trust', 1]]));
    await store.append([{ streamId: 'b', events: [event('b', 'EmployeeHired', '2020-01-01')] }]);
    await projector.catchUp();
    expect(await versions.all()).toEqual(new Map([['rx1-trust', 2]]));
    await projector.catchUp();
    expect(await versions.all()).toEqual(new Map([['rx1-trust', 2]]));
  });

  it('given a lagging timeline, when read without storing, then the answer is current and the stored timeline is left to the projector', async () => {
    await projector.applyAppended(await store.append([{ streamId: 'a', events: [event('a', 'EmployeeHired', '2020-01-01')] }]));
    await store.append([{ streamId: 'a', events: [event('a', 'TrainingAccessed', '2021-01-01')] }]);
    expect((await projector.read('a'))?.version).toBe(2);
    expect(await timelines.versionOf('a')).toBe(1);
    expect(await projector.read('nobody')).toBeUndefined();
  });

  it('never moves a timeline back to an older version', async () => {
    await store.append([{ streamId: 'a', events: [event('a', 'EmployeeHired', '2020-01-01'), event('a', 'TrainingAccessed', '2021-01-01')] }]);
    const newer = await projector.current('a');
    const stale = foldTimeline('a', 'rx1-trust', (await store.readStream('a')).slice(0, 1));
    await timelines.put(stale);
    expect(await timelines.get('a')).toBe(newer);
  });
});

describe('InMemorySubjectTimelineStore.scan', () => {
  it('yields every timeline in batches, filtered by organisation', async () => {
    const store = new InMemorySubjectTimelineStore();
    for (const [id, org] of [['a', 'o1'], ['b', 'o2'], ['c', 'o1']]) await store.put(foldTimeline(id, org, []));
    const seen: string[][] = [];
    for await (const batch of store.scan({ orgIds: ['o1'] }, 1)) seen.push(batch.map((t) => t.subjectId));
    expect(seen).toEqual([['a'], ['c']]);
    let all = 0;
    for await (const batch of store.scan()) all += batch.length;
    expect(all).toBe(3);
  });
});
