import type { Connection } from 'mongoose';
import { openMongoConnection } from '@rung/event-store';
import { describeOnMongo, uniqueDbName } from '@rung/testing';
import { MongoRebuildLog } from './mongo-rebuild-log';
import { InMemoryRebuildLog, type RebuildLog } from './rebuild-log.port';

const AT = '2026-01-01T00:00:00.000Z';

function describeRebuildLogContract(name: string, open: () => Promise<[RebuildLog, RebuildLog]>, close: () => Promise<void>): void {
  describe(`RebuildLog contract: ${name}`, () => {
    let logs: [RebuildLog, RebuildLog];
    beforeEach(async () => {
      logs = await open();
    });
    afterEach(close);

    it('given two requests at once, then both get the same new generation and exactly one created it', async () => {
      expect(await logs[0].latest()).toBeUndefined();
      const [a, b] = await Promise.all([logs[0].request('a', AT), logs[1].request('b', AT)]);
      expect(a.record.generation).toBe(1);
      expect(b.record.generation).toBe(1);
      expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
    });

    it('given a save with a smaller fencing token than the stored one, then it is refused; a done rebuild makes way for the next', async () => {
      const { record } = await logs[0].request('a', AT);
      expect(await logs[0].save({ ...record, state: 'running', fence: 3, eventsRead: 10 })).toBe(true);
      expect(await logs[1].save({ ...record, state: 'running', fence: 2, eventsRead: 99 })).toBe(false);
      expect(await logs[1].latest()).toMatchObject({ fence: 3, eventsRead: 10 });
      expect(await logs[1].save({ ...record, state: 'done', fence: 4, finishedAt: AT })).toBe(true);
      expect((await logs[0].request('b', AT)).record).toMatchObject({ generation: 2, state: 'requested', fence: null, requestedBy: 'b' });
    });
  });
}

describeRebuildLogContract('in memory', async () => {
  const log = new InMemoryRebuildLog();
  return [log, log];
}, async () => undefined);

describeOnMongo('MongoRebuildLog', (endpoint) => {
  let connections: Connection[] = [];
  describeRebuildLogContract('MongoDB', async () => {
    const uri = endpoint().uriFor(uniqueDbName('rebuilds'));
    connections = [await openMongoConnection(uri), await openMongoConnection(uri)];
    return [MongoRebuildLog.open(connections[0]), MongoRebuildLog.open(connections[1])];
  }, async () => {
    await connections[0].dropDatabase();
    await Promise.all(connections.map((c) => c.close()));
  });
});
