export * from './subject-timeline';
export * from './erasure';
export * from './leases';
export * from './read-model-versions';
export * from './rebuild';
