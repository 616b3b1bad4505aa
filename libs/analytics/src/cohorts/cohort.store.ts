import { InMemoryDocumentStore, type DocumentStore } from '../stores/document-store';
import type { Cohort } from './cohort-definition';

export const COHORT_STORE = Symbol('COHORT_STORE');

/** Stored cohort definitions. In memory here; the embedded app keeps them in a JSON-lines file; MongoDB later. */
export type CohortStore = DocumentStore<Cohort>;

export class InMemoryCohortStore extends InMemoryDocumentStore<Cohort> implements CohortStore {}
