export * from './ingest.module';
export * from './record-career-events.command';
export * from './ingest-app.module';
export * from './kafka';
