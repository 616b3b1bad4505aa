import type { ServerInfo } from './commands';
import { CursorStore } from './cursors';
import { Faults } from './faults';
import { WireServer } from './server';
import { Storage } from './storage';

/**
 * An in-memory MongoDB (wire protocol) server for tests, presenting itself as the primary of a
 * single-member replica set. See FIDELITY.md for what differs from a real mongod.
 *
 *   const mongo = await startMongoTestServer();
 *   const conn = await mongoose.createConnection(mongo.uriFor('my-db')).asPromise();
 *   ...
 *   await conn.close();
 *   await mongo.stop();
 */
export interface MongoTestServer {
  port: number;
  host: string;
  /** `mongodb://127.0.0.1:PORT/?replicaSet=rs0` */
  uri: string;
  /** Same as `uri` with a default database: `mongodb://127.0.0.1:PORT/<dbName>?replicaSet=rs0`. */
  uriFor(dbName: string): string;
  /** Closes every client connection and the listener; all data is discarded. */
  stop(): Promise<void>;
}

export interface MongoTestServerOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free port. */
  port?: number;
}

const HOST = '127.0.0.1';
const REPLICA_SET = 'rs0';

export async function startMongoTestServer(opts: MongoTestServerOptions = {}): Promise<MongoTestServer> {
  const info: ServerInfo = {
    host: HOST,
    port: 0,
    setName: REPLICA_SET,
    startedAt: new Date(),
  };
  const cursors = new CursorStore();
  const wire = new WireServer({ storage: new Storage(), cursors, info, faults: new Faults() });
  info.port = await wire.listen(HOST, opts.port ?? 0);
  const uriFor = (dbName: string): string =>
    `mongodb://${HOST}:${info.port}/${encodeURIComponent(dbName)}?replicaSet=${REPLICA_SET}`;
  return {
    port: info.port,
    host: HOST,
    uri: uriFor(''),
    uriFor,
    stop: async () => {
      await wire.close();
      cursors.clear();
    },
  };
}
