export * from './readiness';
export * from './health.controller';
