import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { openMongoConnection } from '@rung/event-store';
import { startMongoTestServer, type MongoTestServer } from '../servers/mongo';

export interface MongoEndpoint {
  /** A connection string for the database given. */
  uriFor(dbName: string): string;
}

/** Which real MongoDB the second definition runs on, and how it is named; no URL skips it. */
export interface RealMongo {
  url: string;
  label: string;
}

/**
 * Defines the block twice: against the MongoDB wire-protocol test server, and against the real
 * MongoDB at MONGO_URL when that is set (skipped otherwise). Each test should use its own database.
 */
export function describeOnMongo(
  title: string, block: (endpoint: () => MongoEndpoint) => void, real: RealMongo = { url: process.env.MONGO_URL ?? '', label: 'MongoDB at MONGO_URL' },
): void {
  describe(`${title} [MongoDB test server]`, () => {
    let server: MongoTestServer;
    beforeAll(async () => {
      server = await startMongoTestServer();
    });
    afterAll(() => server.stop());
    block(() => server);
  });
  (real.url ? describe : describe.skip)(`${title} [${real.label}]`, () => {
    block(() => ({ uriFor: (dbName) => withDatabase(real.url, dbName) }));
  });
}

/** Opens a connection, uses it, and closes it whatever happens. */
export async function withConnection<T>(url: string, use: (connection: Connection) => Promise<T>): Promise<T> {
  const connection = await openMongoConnection(url);
  try {
    return await use(connection);
  } finally {
    await connection.close();
  }
}

/** The connection string with its database replaced, keeping hosts and options. */
export function withDatabase(url: string, dbName: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/.exec(url);
  if (!match) throw new Error('MONGO_URL is not a mongodb:// or mongodb+srv:// connection string');
  return `${match[1]}/${encodeURIComponent(dbName)}${match[2] ?? ''}`;
}

/** A fresh database name, short enough for MongoDB's 63-byte limit. */
export function uniqueDbName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}
