export * from './rung-metrics';
export * from './metrics.controller';
export * from './metrics-port';
