export * from './rebuild-record';
export * from './rebuild-log.port';
export { MongoRebuildLog, PROJECTION_REBUILDS_COLLECTION } from './mongo-rebuild-log';
export { RebuildLogModule } from './rebuild-log.module';
export * from './timeline-rebuild';
export { TimelinesRebuilt } from './timelines-rebuilt.event';
