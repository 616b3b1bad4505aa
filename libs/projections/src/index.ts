export * from './subject-timeline';
