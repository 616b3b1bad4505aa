import mongoose, { type Connection } from 'mongoose';

const DEFAULT_DB = 'rung';
/**
 * Timeouts used unless MONGO_URL sets its own. The driver's socket timeout is 0 (none), so a server
 * that stops answering would hold an append, and its HTTP request, for ever; 30 s leaves room for the
 * largest single batch a rebuild reads. New connections give up after 10 s rather than the driver's 30 s.
 */
const DEFAULT_TIMEOUTS = { serverSelectionTimeoutMS: 5000, socketTimeoutMS: 30_000, connectTimeoutMS: 10_000 };

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
    ...defaultTimeouts(url),
  });
  return connection.asPromise();
}

/** The default timeouts that the connection string does not set itself. */
function defaultTimeouts(url: string): Partial<typeof DEFAULT_TIMEOUTS> {
  const unset = Object.entries(DEFAULT_TIMEOUTS).filter(([name]) => !new RegExp(`[?&]${name}=`, 'i').test(url));
  return Object.fromEntries(unset);
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
