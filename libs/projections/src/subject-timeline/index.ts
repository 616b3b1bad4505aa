export * from './subject-timeline';
export * from './subject-timeline.events';
export * from './subject-timeline.fold';
export * from './subject-timeline.store';
export * from './mongo-subject-timeline.store';
export * from './subject-timeline.projector';
export * from './subject-timeline.query';
export * from './subject-timeline.module';
