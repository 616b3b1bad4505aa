export * from './event-store.port';
export * from './career-events-recorded.event';
export * from './event-store.module';
export { EmbeddedEventStore, type EmbeddedStoreOptions } from './embedded/embedded-event-store';
export { MongoEventStore, type MongoStoreOptions } from './mongo/mongo-event-store';
export { openMongoConnection, databaseName } from './mongo/mongo-connection';
export { isDuplicateKeyError, withStoreErrors } from './mongo/mongo-errors';
export { appendDurably } from './embedded/durable-append';
