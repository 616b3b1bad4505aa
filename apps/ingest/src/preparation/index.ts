export * from './event-preparer';
export * from './prepare-career-events';
export * from './inline-event-preparer';
export * from './worker-pool-event-preparer';
export * from './event-preparation.module';
