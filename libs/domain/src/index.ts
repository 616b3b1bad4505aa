export * from './pseudonymise';
export * from './business-order';
export * from './groupings';
export * from './domain-error';
export * from './event-hash';
export * from './org-scope';
export * from './disclosure-mode';
