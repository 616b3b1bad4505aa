import type { FactoryProvider } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { STORE_BACKEND, type StoreBackend } from './event-store.module';

/** A provider that lives beside the events: one way for the embedded store, another for MongoDB. */
export function providedByBackend<T>(
  token: symbol,
  open: { embedded: (dataDir: string) => T | Promise<T>; mongo: (connection: Connection) => T | Promise<T> },
): FactoryProvider<T | Promise<T>> {
  return {
    provide: token,
    inject: [STORE_BACKEND],
    useFactory: (backend: StoreBackend) => (backend.kind === 'mongo' ? open.mongo(backend.connection) : open.embedded(backend.dataDir)),
  };
}
