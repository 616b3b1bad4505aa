export * from './career-events';
export * from './test-app';
export * from './recorded-events';
export * from './child-app';
export * from './mongo';
export * from './cohort-plans';
export * from './timelines';
export * from './kafka';
