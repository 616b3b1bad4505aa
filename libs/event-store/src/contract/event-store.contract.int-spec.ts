import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { describeOnMongo, uniqueDbName, type MongoEndpoint } from '@rung/testing';
import { EmbeddedEventStore } from '../embedded/embedded-event-store';
import { openMongoConnection } from '../mongo/mongo-connection';
import { MongoEventStore } from '../mongo/mongo-event-store';
import { SCHEMA_REGISTRY } from '@rung/contracts';
import type { EventStore } from '../event-store.port';
import { SealedEventStore } from '../sealed-store/sealed-event-store';
import { EmbeddedSubjectKeyStore } from '../subject-keys/embedded-subject-key-store';
import { MongoSubjectKeyStore } from '../subject-keys/mongo-subject-key-store';
import { describeEventStoreContract, type EventStoreHarness } from './event-store.contract';

const MASTER = Buffer.alloc(32, 9);

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

/** The crypto-shredding decorator owes the port the same as the stores it wraps. */
async function sealedEmbeddedHarness(): Promise<EventStoreHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rung-contract-sealed-'));
  return {
    open: async (now): Promise<EventStore> => new SealedEventStore(await EmbeddedEventStore.open({ dataDir, now }), await EmbeddedSubjectKeyStore.open(dataDir), MASTER, SCHEMA_REGISTRY),
    dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function sealedMongoHarness(endpoint: MongoEndpoint): Promise<EventStoreHarness> {
  const inner = await mongoHarness(endpoint);
  const connections: Connection[] = [];
  const uri = endpoint.uriFor(uniqueDbName('contract-sealed'));
  return {
    open: async (now) => {
      const connection = await openMongoConnection(uri);
      connections.push(connection);
      return new SealedEventStore(await MongoEventStore.open({ connection, now }), MongoSubjectKeyStore.open(connection), MASTER, SCHEMA_REGISTRY);
    },
    dispose: async () => {
      await inner.dispose();
      await connections[0]?.dropDatabase();
      await Promise.all(connections.map((c) => c.close()));
    },
  };
}

describeEventStoreContract('embedded journal', embeddedHarness, { sharedWriters: false });
describeEventStoreContract('sealed, over the embedded journal', sealedEmbeddedHarness, { sharedWriters: false });

describeOnMongo('MongoEventStore', (endpoint) => {
  describeEventStoreContract('mongo', () => mongoHarness(endpoint()), { sharedWriters: true });
  describeEventStoreContract('sealed, over mongo', () => sealedMongoHarness(endpoint()), { sharedWriters: true });
});
