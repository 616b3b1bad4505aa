import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PseudonymisedEvent } from '@rung/contracts';
import { EmbeddedEventStore } from '@rung/event-store';
import { rawEvent } from '@rung/testing';
import { InProcessReadModelVersions } from '../read-model-versions/read-model-versions.port';
import { foldTimeline } from '../subject-timeline/subject-timeline.fold';
import { InMemorySubjectTimelineStore } from '../subject-timeline/subject-timeline.store';
import { InMemoryRebuildLog } from './rebuild-log.port';
import { RebuildInterrupted, TimelineRebuild, type RebuildRun } from './timeline-rebuild';

const NOW = new Date('2026-01-01T00:00:00Z');

function event(subjectId: string, occurredAt: string, orgId = 'rx1-trust'): PseudonymisedEvent {
  const { subjectRef: _ref, ...raw } = rawEvent('TrainingAccessed', { occurredAt, orgId });
  return { ...raw, subjectId } as PseudonymisedEvent;
}

describe('TimelineRebuild over the embedded store', () => {
  let dir: string;
  let store: EmbeddedEventStore;
  let timelines: InMemorySubjectTimelineStore;
  let versions: InProcessReadModelVersions;
  let log: InMemoryRebuildLog;
  const rebuild = () => new TimelineRebuild(store, timelines, versions, log, 10);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rung-rebuild-'));
    store = await EmbeddedEventStore.open({ dataDir: dir, now: () => NOW });
    timelines = new InMemorySubjectTimelineStore(true);
    versions = new InProcessReadModelVersions();
    log = new InMemoryRebuildLog();
    // 60 events over 6 streams; those of s1 to s4 include one out of business order (folded again from the stream at the end).
    for (let i = 0; i < 60; i += 1) {
      const id = `s${i % 6}`;
      const day = i % 13 === 0 ? '2005-01-01' : `${2010 + Math.floor(i / 6)}-0${1 + (i % 9)}-15`;
      await store.append([{ streamId: id, events: [event(id, day, i % 2 ? 'org-b' : 'org-a')] }]);
    }
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const expected = async (): Promise<unknown[]> =>
    Promise.all(['s0', 's1', 's2', 's3', 's4', 's5'].map(async (id) => {
      const stream = await store.readStream(id);
      return foldTimeline(id, stream[0].orgId, stream);
    }));
  const live = (): Promise<unknown[]> => Promise.all(['s0', 's1', 's2', 's3', 's4', 's5'].map((id) => timelines.get(id)));
  const runWith = (keepLease: RebuildRun['keepLease']): RebuildRun => ({ now: () => NOW, keepLease });

  it('given live timelines, when rebuilt, then readers keep them whole until the new generation is promoted, which equals a fold of every stream', async () => {
    await timelines.put(foldTimeline('stale', 'org-a', []));
    const { record } = await log.request('admin-key', NOW.toISOString());
    const seenLive: number[] = [];
    const done = await rebuild().run(record, runWith(async () => {
      seenLive.push(await timelines.count());
      return 1;
    }));

    expect(seenLive.slice(0, -1).every((n) => n === 1)).toBe(true);
    expect(seenLive.length).toBeGreaterThan(3);
    expect(await live()).toEqual(await expected());
    expect(await timelines.get('stale')).toBeUndefined();
    expect(done).toMatchObject({ generation: 1, state: 'done', eventsRead: 60, streams: 6, runs: 1, fence: 1 });
    expect(await log.latest()).toEqual(done);
    expect(await versions.all()).toEqual(new Map([['org-a', 1], ['org-b', 1]]));
  });

  it('given a run that loses its lease half way, then it stops before the switch, and the next run resumes it to the same result', async () => {
    const { record } = await log.request('start', NOW.toISOString());
    let calls = 0;
    await expect(rebuild().run(record, runWith(async () => (++calls <= 3 ? 1 : null)))).rejects.toBeInstanceOf(RebuildInterrupted);
    expect(await timelines.count()).toBe(0);
    const stopped = await log.latest();
    expect(stopped).toMatchObject({ state: 'running', runs: 1 });
    expect(stopped?.streams).toBeGreaterThan(0);
    expect(await (await timelines.generation(1)).count()).toBeGreaterThan(0);

    const done = await rebuild().run(stopped!, runWith(async () => 2));
    expect(done).toMatchObject({ state: 'done', runs: 2, fence: 2 });
    expect(await live()).toEqual(await expected());
  });

  it('given a second runner with a larger fencing token, then the first one may no longer save and stops', async () => {
    const { record } = await log.request('start', NOW.toISOString());
    await log.save({ ...record, state: 'running', fence: 5 });
    await expect(rebuild().run(record, runWith(async () => 4))).rejects.toThrow('another instance took it over');
    expect(await timelines.count()).toBe(0);
  });

  it('given appends while it runs, then they are in the promoted generation', async () => {
    const { record } = await log.request('start', NOW.toISOString());
    let appended = false;
    await rebuild().run(record, runWith(async () => {
      if (!appended) {
        appended = true;
        await store.append([{ streamId: 'late', events: [event('late', '2024-01-01')] }, { streamId: 's0', events: [event('s0', '2025-12-01', 'org-a')] }]);
      }
      return 1;
    }));
    expect((await timelines.get('late'))?.version).toBe(1);
    expect(await live()).toEqual(await expected());
  });

  it('given a request while one is open, then the open one is returned; once done, the next is a new generation', async () => {
    const first = await log.request('a', NOW.toISOString());
    expect(await log.request('b', NOW.toISOString())).toEqual({ record: first.record, created: false });
    await rebuild().run(first.record, runWith(async () => 1));
    expect((await log.request('b', NOW.toISOString())).record).toMatchObject({ generation: 2, state: 'requested', requestedBy: 'b' });
  });
});
