export * from './query.module';
export * from './query-app.module';
