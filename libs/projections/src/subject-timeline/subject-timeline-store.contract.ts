/// <reference types="jest" />
import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@rung/contracts';
import { foldTimeline } from './subject-timeline.fold';
import type { SubjectTimeline } from './subject-timeline';
import type { SubjectTimelineStore } from './subject-timeline.store';

/** One adapter's storage for one test. */
export interface SubjectTimelineStoreHarness {
  /** Opens a store over this storage; several opens give several instances where storage is shared. */
  open(): Promise<SubjectTimelineStore>;
  dispose(): Promise<void>;
}

/** A timeline at the version given, with enough in it to show a round trip loses nothing. */
export function timelineAt(subjectId: string, version: number, orgId = 'rx1-trust'): SubjectTimeline {
  const base = { eventId: randomUUID(), schemaVersion: 1, orgId, subjectId, source: 'esr', streamId: subjectId, recordedAt: '2026-01-01T00:00:00.000Z' };
  const events = [
    { ...base, type: 'EmployeeHired', occurredAt: '2020-01-06', data: { grade: '5', gradeScheme: 'afc', contractType: 'permanent' }, version: 1, position: 11 },
    ...Array.from({ length: version - 1 }, (_, i) => ({
      ...base, eventId: randomUUID(), type: 'TrainingAccessed', occurredAt: `202${1 + (i % 8)}-02-01`, data: { kind: 'cpd', outcome: 'granted' }, version: i + 2, position: 20 + i,
    })),
  ] as RecordedEvent[];
  return foldTimeline(subjectId, orgId, events);
}

/** What every SubjectTimelineStore owes the projector: round trips, no going back, counts and scans. */
export function describeSubjectTimelineStoreContract(name: string, harness: () => Promise<SubjectTimelineStoreHarness>): void {
  describe(`SubjectTimelineStore contract: ${name}`, () => {
    let h: SubjectTimelineStoreHarness;
    let store: SubjectTimelineStore;
    beforeEach(async () => {
      h = await harness();
      store = await h.open();
    });
    afterEach(() => h.dispose());

    it('drops the timelines it is told to delete, and keeps the others', async () => {
      await store.put(timelineAt('a', 2));
      await store.put(timelineAt('b', 3));
      await store.delete(['a', 'nobody']);
      expect(await store.get('a')).toBeUndefined();
      expect(await store.versionOf('a')).toBe(0);
      expect((await store.get('b'))?.version).toBe(3);
      expect(await store.count()).toBe(1);
    });

    it('gives back what was put, fields in the same order, and nothing for an unknown subject', async () => {
      const empty = foldTimeline('e', 'rx1-trust', []);
      const timeline = timelineAt('a', 3);
      await store.put(timeline);
      await store.put(empty);
      expect(await store.get('a')).toEqual(timeline);
      expect(Object.keys((await store.get('a')) ?? {})).toEqual(Object.keys(timeline));
      expect(await store.get('e')).toEqual(empty);
      expect(await store.versionOf('a')).toBe(3);
      expect(await store.get('nobody')).toBeUndefined();
      expect(await store.versionOf('nobody')).toBe(0);
    });

    it('replaces a timeline with a newer one and never with an older one', async () => {
      await store.put(timelineAt('a', 2));
      await store.put(timelineAt('a', 1));
      expect(await store.versionOf('a')).toBe(2);
      const newer = timelineAt('a', 4);
      await store.put(newer);
      expect(await store.get('a')).toEqual(newer);
    });

    it('counts, and clears', async () => {
      await Promise.all(['a', 'b', 'c'].map((id) => store.put(timelineAt(id, 1))));
      expect(await store.count()).toBe(3);
      await store.clear();
      expect(await store.count()).toBe(0);
      expect(await store.get('a')).toBeUndefined();
    });

    it('scans every timeline once, in batches, optionally only those of some organisations', async () => {
      for (const [id, org] of [['a', 'o1'], ['b', 'o2'], ['c', 'o1'], ['d', 'o3'], ['e', 'o1']]) await store.put(timelineAt(id, 1, org));
      const scanned = async (filter?: { orgIds?: readonly string[] }) => {
        const batches: string[][] = [];
        for await (const batch of store.scan(filter, 2)) batches.push(batch.map((t) => t.subjectId));
        return batches;
      };
      const o1 = await scanned({ orgIds: ['o1'] });
      expect(o1.map((b) => b.length)).toEqual([2, 1]);
      expect(o1.flat().sort()).toEqual(['a', 'c', 'e']);
      expect((await scanned({ orgIds: ['o2', 'o3'] })).flat().sort()).toEqual(['b', 'd']);
      expect((await scanned()).flat().sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
      for await (const batch of store.scan({}, 10)) expect(batch.find((t) => t.subjectId === 'a')).toEqual(await store.get('a'));
    });

    it('ends at the newest version when two projectors race on one subject, whichever order the puts land in', async () => {
      const other = await h.open();
      const versions = [3, 1, 5, 2, 4, 5, 1];
      await Promise.all(versions.map((v, i) => (i % 2 ? other : store).put(timelineAt('race', v))));
      expect(await store.versionOf('race')).toBe(5);
      expect(await other.versionOf('race')).toBe(5);
    });

    it('keeps the newer timeline when an older one arrives for a subject another projector has just created', async () => {
      const other = await h.open();
      const newer = timelineAt('fresh', 3);
      await store.put(newer);
      await expect(other.put(timelineAt('fresh', 2))).resolves.toBeUndefined();
      expect(await store.get('fresh')).toEqual(newer);
    });
  
    it('puts many at once by the same rule as one put: newer replaces, older never does', async () => {
      await store.put(timelineAt('a', 3));
      await store.putMany([timelineAt('a', 2), timelineAt('b', 1), timelineAt('c', 2)]);
      await store.putMany([]);
      expect(await store.versionOf('a')).toBe(3);
      expect(await store.count()).toBe(3);
      await store.putMany([timelineAt('a', 4), timelineAt('b', 1)]);
      expect([await store.versionOf('a'), await store.versionOf('b')]).toEqual([4, 1]);
    });

    it('keeps a rebuild generation apart from the live timelines until it is promoted, then serves it whole', async () => {
      await store.put(timelineAt('old', 2));
      const building = await store.generation(7);
      await building.putMany([timelineAt('a', 1), timelineAt('b', 2)]);
      expect(await store.count()).toBe(1);
      expect(await store.get('a')).toBeUndefined();
      const resumed = await store.generation(7);
      expect(await resumed.count()).toBe(2);
      await store.promote(7);
      expect(await store.count()).toBe(2);
      expect(await store.get('old')).toBeUndefined();
      expect((await store.get('b'))?.version).toBe(2);
      const other = await h.open();
      expect(await other.versionOf('a')).toBe(1);
    });
  });
}
