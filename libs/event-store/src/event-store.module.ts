import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { SCHEMA_REGISTRY, type SchemaRegistry } from '@rung/contracts';
import { CLOCK, loadDataKeySecret, Readiness, RUNG_CONFIG, type Clock, type RungConfig } from '@rung/platform';
import type { Connection } from 'mongoose';
import { EmbeddedEventStore } from './embedded/embedded-event-store';
import { EVENT_STORE, type EventStore } from './event-store.port';
import { openMongoConnection, pingsWithin } from './mongo/mongo-connection';
import { MongoEventStore } from './mongo/mongo-event-store';
import { SealedEventStore } from './sealed-store/sealed-event-store';
import { EmbeddedSubjectKeyStore } from './subject-keys/embedded-subject-key-store';
import { MongoSubjectKeyStore } from './subject-keys/mongo-subject-key-store';
import { SUBJECT_KEY_STORE, type SubjectKeyStore } from './subject-keys/subject-key-store.port';

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

/** The stores keep sealed events as they are; the sealed store upcasts once it has opened them. */
const AS_STORED: SchemaRegistry = { currentVersion: (type) => SCHEMA_REGISTRY.currentVersion(type), upcast: (event) => event };

async function openKeyStore(backend: StoreBackend): Promise<SubjectKeyStore> {
  return backend.kind === 'mongo' ? MongoSubjectKeyStore.open(backend.connection) : EmbeddedSubjectKeyStore.open(backend.dataDir);
}

async function openEventStore(backend: StoreBackend, keys: SubjectKeyStore, config: RungConfig, clock: Clock, readiness: Readiness): Promise<SealedEventStore> {
  const inner: EventStore = backend.kind === 'mongo'
    ? await MongoEventStore.open({ connection: backend.connection, now: clock, registry: AS_STORED })
    : await EmbeddedEventStore.open({ dataDir: backend.dataDir, now: clock, registry: AS_STORED });
  const store = new SealedEventStore(inner, keys, loadDataKeySecret(config), SCHEMA_REGISTRY);
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
    { provide: SUBJECT_KEY_STORE, useFactory: openKeyStore, inject: [STORE_BACKEND] },
    { provide: SealedEventStore, useFactory: openEventStore, inject: [STORE_BACKEND, SUBJECT_KEY_STORE, RUNG_CONFIG, CLOCK, Readiness] },
    { provide: EVENT_STORE, useExisting: SealedEventStore },
  ],
  exports: [EVENT_STORE, SealedEventStore, SUBJECT_KEY_STORE, STORE_BACKEND],
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
