import type { Connection } from 'mongoose';
import { openMongoConnection } from '@rung/event-store';
import { firstHost, proxiedUri, startFaultProxy, type FaultProxy } from '@rung/testing';
import { MongoEventStore } from '../../../libs/event-store/src/mongo/mongo-event-store';

export const NOW = new Date('2026-02-01T12:00:00.000Z');

/** A store that talks to MongoDB through a fault proxy, and a direct connection to check what was stored. */
export interface StoreUnderFault {
  store: MongoEventStore;
  /** The store's own connection (through the proxy). */
  connection: Connection;
  /** A connection around the proxy, which no fault touches. */
  direct: Connection;
  proxy: FaultProxy;
  close(): Promise<void>;
}

/** `options` are added to the connection string the store uses, e.g. `socketTimeoutMS=500`. */
export async function storeBehindProxy(uri: string, options = ''): Promise<StoreUnderFault> {
  const proxy = await startFaultProxy(firstHost(uri));
  const connection = await openMongoConnection(`${proxiedUri(uri, proxy)}${options ? `&${options}` : ''}`);
  const direct = await openMongoConnection(uri);
  const store = await MongoEventStore.open({ connection, now: () => NOW });
  return {
    store, connection, direct, proxy,
    close: async () => {
      proxy.restore();
      await direct.dropDatabase();
      await Promise.all([connection.close(), direct.close()]);
      await proxy.close();
    },
  };
}

/** A store talking to MongoDB directly, for faults the server itself produces. */
export async function storeDirect(uri: string): Promise<Pick<StoreUnderFault, 'store' | 'connection' | 'close'>> {
  const connection = await openMongoConnection(uri);
  const store = await MongoEventStore.open({ connection, now: () => NOW });
  return { store, connection, close: async () => {
    await connection.dropDatabase();
    await connection.close();
  } };
}

/** The stored `eventId`s and versions of a stream, in version order, read with no fault in the way. */
export async function storedStream(connection: Connection, streamId: string): Promise<Array<{ eventId: string; version: number }>> {
  const docs = await connection.collection('events').find({ streamId }, { projection: { _id: 0, eventId: 1, version: 1 } }).sort({ version: 1 }).toArray();
  return docs as unknown as Array<{ eventId: string; version: number }>;
}

/** Each event id stored exactly once, and the versions 1..n with no gap. */
export function expectExactlyOnce(stored: Array<{ eventId: string; version: number }>, eventIds: string[]): void {
  expect(stored.map((e) => e.eventId).sort()).toEqual([...eventIds].sort());
  expect(stored.map((e) => e.version)).toEqual(eventIds.map((_, i) => i + 1));
}

export const insertInto = (collection: string) => (command: Record<string, unknown>): boolean => command.insert === collection;
