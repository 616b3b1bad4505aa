import type { Connection } from 'mongoose';
import { openMongoConnection } from '@rung/event-store';
import { describeOnMongo, uniqueDbName, type MongoEndpoint } from '@rung/testing';
import { MongoSubjectTimelineStore, SUBJECT_TIMELINES_COLLECTION } from './mongo-subject-timeline.store';
import { describeSubjectTimelineStoreContract, timelineAt, type SubjectTimelineStoreHarness } from './subject-timeline-store.contract';
import { InMemorySubjectTimelineStore } from './subject-timeline.store';

/** In memory there is one store per process, so every open gives the same one. */
async function inMemoryHarness(): Promise<SubjectTimelineStoreHarness> {
  const store = new InMemorySubjectTimelineStore();
  return { open: async () => store, dispose: async () => undefined };
}

/** Each open is another process: its own connection to the same database. */
async function mongoHarness(endpoint: MongoEndpoint): Promise<SubjectTimelineStoreHarness & { connections: Connection[] }> {
  const uri = endpoint.uriFor(uniqueDbName('timelines'));
  const connections: Connection[] = [];
  return {
    connections,
    open: async () => {
      const connection = await openMongoConnection(uri);
      connections.push(connection);
      return MongoSubjectTimelineStore.open(connection);
    },
    dispose: async () => {
      await connections[0]?.dropDatabase();
      await Promise.all(connections.map((c) => c.close()));
    },
  };
}

describeSubjectTimelineStoreContract('in memory', inMemoryHarness);

describeOnMongo('MongoSubjectTimelineStore', (endpoint) => {
  describeSubjectTimelineStoreContract('mongo', () => mongoHarness(endpoint()));

  it('creates its organisation index itself at start, and keeps one document per subject keyed by its id', async () => {
    const harness = await mongoHarness(endpoint());
    try {
      const store = await harness.open();
      await store.put(timelineAt('a', 1));
      await store.put(timelineAt('a', 2));
      const collection = harness.connections[0].collection(SUBJECT_TIMELINES_COLLECTION);
      expect((await collection.listIndexes().toArray()).map((i) => i.key)).toEqual([{ _id: 1 }, { orgId: 1, _id: 1 }]);
      expect(await collection.find({}, { projection: { version: 1 } }).toArray()).toEqual([{ _id: 'a', version: 2 }]);
    } finally {
      await harness.dispose();
    }
  });
});
