export { ErasureModule } from './erasure.module';
export { Erasures } from './erasures.service';
export type { ErasureView } from './erasure-view';
export { SubjectsErased } from './subjects-erased.event';
export { dueForErasure } from './due-for-erasure';
export { Retention } from './retention.service';
export { RetentionJob } from './retention.job';
export type { RetentionPlan } from './retention-plan';
