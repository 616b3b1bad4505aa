import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { describeOnMongo, uniqueDbName, type MongoEndpoint } from '@rung/testing';
import { openMongoConnection } from '../mongo/mongo-connection';
import { EmbeddedSubjectKeyStore } from './embedded-subject-key-store';
import { MongoSubjectKeyStore } from './mongo-subject-key-store';
import { describeSubjectKeyStoreContract, type SubjectKeyStoreHarness } from './subject-key-store.contract';

function everyFile(dir: string): Buffer[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)));
}

async function embeddedHarness(): Promise<SubjectKeyStoreHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rung-subject-keys-'));
  return {
    open: () => EmbeddedSubjectKeyStore.open(dataDir),
    dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    sharedWriters: false,
    storedFiles: () => everyFile(dataDir),
  };
}

/** Each store gets its own connection, as separate processes would. */
async function mongoHarness(endpoint: MongoEndpoint): Promise<SubjectKeyStoreHarness> {
  const uri = endpoint.uriFor(uniqueDbName('subject_keys'));
  const connections: Connection[] = [];
  return {
    open: async () => {
      const connection = await openMongoConnection(uri);
      connections.push(connection);
      return MongoSubjectKeyStore.open(connection);
    },
    dispose: async () => {
      await connections[0]?.dropDatabase();
      await Promise.all(connections.map((c) => c.close()));
    },
    sharedWriters: true,
  };
}

describeSubjectKeyStoreContract('embedded', embeddedHarness);

describeOnMongo('MongoSubjectKeyStore', (endpoint) => {
  describeSubjectKeyStoreContract('mongo', () => mongoHarness(endpoint()));
});
