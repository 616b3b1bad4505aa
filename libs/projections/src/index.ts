export * from './subject-timeline';
export * from './erasure';
export * from './leases';
