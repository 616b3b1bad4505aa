export * from './rung-metrics';
export * from './metrics.controller';
