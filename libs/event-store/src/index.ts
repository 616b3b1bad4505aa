export * from './event-store.port';
export * from './career-events-recorded.event';
export * from './event-store.module';
export { EmbeddedEventStore, type EmbeddedStoreOptions } from './embedded/embedded-event-store';
