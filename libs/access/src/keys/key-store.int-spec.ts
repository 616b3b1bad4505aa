import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { openMongoConnection } from '@rung/event-store';
import { describeOnMongo, uniqueDbName } from '@rung/testing';
import { EmbeddedKeyStore } from './embedded-key-store';
import { describeKeyStoreContract } from './key-store.contract';
import { MongoKeyStore } from './mongo-key-store';

describeKeyStoreContract('embedded', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rung-keys-'));
  return { open: async () => EmbeddedKeyStore.open(dir), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
});

describeOnMongo('MongoKeyStore', (endpoint) => {
  describeKeyStoreContract('mongo', async () => {
    const uri = endpoint().uriFor(uniqueDbName('keys'));
    const connections: Connection[] = [];
    return {
      open: async () => {
        const connection = await openMongoConnection(uri);
        connections.push(connection);
        return MongoKeyStore.open(connection);
      },
      dispose: async () => {
        await connections[0]?.dropDatabase();
        await Promise.all(connections.map((c) => c.close()));
      },
    };
  });
});
