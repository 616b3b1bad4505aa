import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  EmbeddedSubjectKeyStore, migrateEmbeddedJournal, migrateMongoEvents, MongoSubjectKeyStore, openMongoConnection,
  type EmbeddedMigrationResult, type MigrationCounts,
} from '@rung/event-store';
import { loadDataKeySecret, type RungConfig } from '@rung/platform';

export type MigrationReport = (MigrationCounts & { store: 'mongo' }) | (EmbeddedMigrationResult & { store: 'embedded'; tornTails: boolean });

/** Opens the configured store's subject keys, as the server would, and seals its plaintext events. */
export async function runEncryptMigration(config: RungConfig): Promise<MigrationReport> {
  const master = loadDataKeySecret(config);
  return config.store === 'mongo' ? migrateMongo(config.mongoUrl!, master) : migrateEmbedded(config.dataDir, master);
}

async function migrateEmbedded(dataDir: string, master: Buffer): Promise<MigrationReport> {
  const keys = await EmbeddedSubjectKeyStore.open(dataDir);
  try {
    const result = await migrateEmbeddedJournal(dataDir, { keys, master });
    return { ...result, store: 'embedded', tornTails: existsSync(join(dataDir, 'torn')) };
  } finally {
    await keys.close();
  }
}

async function migrateMongo(url: string, master: Buffer): Promise<MigrationReport> {
  const connection = await openMongoConnection(url);
  try {
    return { ...(await migrateMongoEvents(connection, { keys: MongoSubjectKeyStore.open(connection), master })), store: 'mongo' };
  } finally {
    await connection.close();
  }
}
