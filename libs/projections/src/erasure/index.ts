export { ErasureModule } from './erasure.module';
export { Erasures } from './erasures.service';
export type { ErasureView } from './erasure-view';
export { SubjectsErased } from './subjects-erased.event';
