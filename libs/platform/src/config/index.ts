export * from './rung-config';
export * from './pseudonym-secret';
export * from './kafka-security';
