import { InMemoryDocumentStore, type DocumentStore } from '../stores/document-store';
import type { FrozenCheckpoint } from './checkpoints';
import type { Study } from './study-definition';

export const STUDY_STORE = Symbol('STUDY_STORE');
export const CHECKPOINT_STORE = Symbol('CHECKPOINT_STORE');

export type StudyStore = DocumentStore<Study>;
/** Frozen checkpoint reports by `${studyId}:${month}`; write-once, so a published figure never changes. */
export type CheckpointStore = DocumentStore<FrozenCheckpoint>;

export class InMemoryStudyStore extends InMemoryDocumentStore<Study> implements StudyStore {}
export class InMemoryCheckpointStore extends InMemoryDocumentStore<FrozenCheckpoint> implements CheckpointStore {}

export function checkpointId(studyId: string, month: number): string {
  return `${studyId}:${month}`;
}
