import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CLOCK, Readiness, RUNG_CONFIG, type Clock, type RungConfig } from '@rung/platform';
import { EmbeddedEventStore } from './embedded/embedded-event-store';
import { EVENT_STORE, type EventStore } from './event-store.port';

async function openEventStore(config: RungConfig, clock: Clock, readiness: Readiness): Promise<EventStore> {
  const store = await EmbeddedEventStore.open({ dataDir: config.dataDir, now: clock });
  readiness.register({ name: 'eventStore', isReady: () => store.isReady() });
  return store;
}

/** Provides the configured event store to every module, and closes it last on shutdown. */
@Global()
@Module({
  providers: [{ provide: EVENT_STORE, useFactory: openEventStore, inject: [RUNG_CONFIG, CLOCK, Readiness] }],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
