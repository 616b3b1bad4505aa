import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { openMongoConnection } from '@rung/event-store';
import { describeOnMongo, uniqueDbName, type MongoEndpoint } from '@rung/testing';
import { describeDocumentStoreContract, type DocumentStoreHarness } from './document-store.contract';
import { InMemoryDocumentStore } from './document-store';
import { JsonlDocumentStore } from './jsonl-document-store';
import { MongoDocumentStore } from './mongo-document-store';

describeDocumentStoreContract('in memory', async () => {
  const store = new InMemoryDocumentStore<{ name: string }>();
  return { open: async () => store, dispose: async () => undefined, shared: true };
});

describeDocumentStoreContract('JSON lines', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rung-docs-'));
  return { open: async () => JsonlDocumentStore.open(join(dir, 'docs.jsonl')), dispose: async () => rmSync(dir, { recursive: true, force: true }), shared: false };
});

/** Each open gets its own connection, as another query instance would. */
async function mongoHarness(endpoint: MongoEndpoint): Promise<DocumentStoreHarness> {
  const uri = endpoint.uriFor(uniqueDbName('docs'));
  const connections: Connection[] = [];
  return {
    open: async () => {
      const connection = await openMongoConnection(uri);
      connections.push(connection);
      return MongoDocumentStore.open(connection, 'analytics_docs');
    },
    dispose: async () => {
      await connections[0]?.dropDatabase();
      await Promise.all(connections.map((c) => c.close()));
    },
    shared: true,
  };
}

describeOnMongo('MongoDocumentStore', (endpoint) => {
  describeDocumentStoreContract('mongo', () => mongoHarness(endpoint()));
});
