export * from './rung-config';
export * from './key-secrets';
export * from './kafka-security';
