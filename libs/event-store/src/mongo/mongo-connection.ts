import mongoose, { type Connection } from 'mongoose';

const DEFAULT_DB = 'rung';
const DEFAULT_SERVER_SELECTION_MS = 5000;

/**
 * Opens a mongoose connection for Rung's stores. Indexes are created explicitly by each store at
 * start (never by autoIndex), commands fail at once instead of buffering while disconnected, and
 * undefined fields are left out as they are in the embedded journal's JSON.
 */
export async function openMongoConnection(url: string): Promise<Connection> {
  const connection = mongoose.createConnection(url, {
    dbName: databaseName(url) ?? DEFAULT_DB,
    autoIndex: false,
    autoCreate: false,
    bufferCommands: false,
    ignoreUndefined: true,
    ...(/[?&]serverSelectionTimeoutMS=/i.test(url) ? {} : { serverSelectionTimeoutMS: DEFAULT_SERVER_SELECTION_MS }),
  });
  return connection.asPromise();
}

/** The database named in the connection string's path, if any. */
export function databaseName(url: string): string | undefined {
  const path = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(url)?.[1];
  return path ? decodeURIComponent(path) : undefined;
}

/** Whether MongoDB answers a ping within the time given; for readiness, which must answer quickly. */
export async function pingsWithin(connection: Connection, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const ping = (async () => (await connection.db?.command({ ping: 1 }))?.ok === 1)().catch(() => false);
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
