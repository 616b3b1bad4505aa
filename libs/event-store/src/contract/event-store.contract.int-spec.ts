import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { describeOnMongo, uniqueDbName, type MongoEndpoint } from '@rung/testing';
import { EmbeddedEventStore } from '../embedded/embedded-event-store';
import { openMongoConnection } from '../mongo/mongo-connection';
import { MongoEventStore } from '../mongo/mongo-event-store';
import { describeEventStoreContract, type EventStoreHarness } from './event-store.contract';

async function embeddedHarness(): Promise<EventStoreHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rung-contract-'));
  return {
    open: (now) => EmbeddedEventStore.open({ dataDir, now }),
    dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** Each store gets its own connection, as separate processes would. */
async function mongoHarness(endpoint: MongoEndpoint): Promise<EventStoreHarness> {
  const uri = endpoint.uriFor(uniqueDbName('contract'));
  const connections: Connection[] = [];
  return {
    open: async (now) => {
      const connection = await openMongoConnection(uri);
      connections.push(connection);
      return MongoEventStore.open({ connection, now });
    },
    dispose: async () => {
      await connections[0]?.dropDatabase();
      await Promise.all(connections.map((c) => c.close()));
    },
  };
}

describeEventStoreContract('embedded journal', embeddedHarness, { sharedWriters: false });

describeOnMongo('MongoEventStore', (endpoint) => {
  describeEventStoreContract('mongo', () => mongoHarness(endpoint()), { sharedWriters: true });
});
