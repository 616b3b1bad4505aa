export * from './rung-config';
export * from './pseudonym-secret';
