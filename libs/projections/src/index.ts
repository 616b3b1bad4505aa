export * from './subject-timeline';
export * from './erasure';
