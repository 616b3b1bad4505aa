import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, Readiness, RUNG_CONFIG, type Clock, type RungConfig } from '@rung/platform';
import type { Connection } from 'mongoose';
import { EmbeddedEventStore } from './embedded/embedded-event-store';
import { EVENT_STORE, type EventStore } from './event-store.port';
import { openMongoConnection, pingsWithin } from './mongo/mongo-connection';
import { MongoEventStore } from './mongo/mongo-event-store';

/** Where the event store and the read models live, chosen by STORE. Read models use the same backend. */
export const STORE_BACKEND = Symbol('STORE_BACKEND');

export type StoreBackend = { kind: 'embedded'; dataDir: string } | { kind: 'mongo'; connection: Connection };

const READINESS_PING_MS = 1000;

async function openBackend(config: RungConfig, readiness: Readiness): Promise<StoreBackend> {
  switch (config.store) {
    case 'embedded':
      return { kind: 'embedded', dataDir: config.dataDir };
    case 'mongo': {
      if (!config.mongoUrl) throw new Error('MONGO_URL is required when STORE=mongo');
      const connection = await openMongoConnection(config.mongoUrl);
      readiness.register({ name: 'mongo', isReady: () => pingsWithin(connection, READINESS_PING_MS) });
      return { kind: 'mongo', connection };
    }
  }
}

async function openEventStore(backend: StoreBackend, clock: Clock, readiness: Readiness): Promise<EventStore> {
  const store = backend.kind === 'mongo'
    ? await MongoEventStore.open({ connection: backend.connection, now: clock })
    : await EmbeddedEventStore.open({ dataDir: backend.dataDir, now: clock });
  readiness.register({ name: 'eventStore', isReady: () => store.isReady() });
  return store;
}

/**
 * Provides the configured event store, and the storage backend the read models share, to every
 * module. On shutdown it closes the store, then the MongoDB connection.
 */
@Global()
@Module({
  providers: [
    { provide: STORE_BACKEND, useFactory: openBackend, inject: [RUNG_CONFIG, Readiness] },
    { provide: EVENT_STORE, useFactory: openEventStore, inject: [STORE_BACKEND, CLOCK, Readiness] },
  ],
  exports: [EVENT_STORE, STORE_BACKEND],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(STORE_BACKEND) private readonly backend: StoreBackend,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    if (this.backend.kind === 'mongo') await this.backend.connection.close();
  }
}
