import type { DisclosureMode } from '@rung/domain';
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

/** Each mode's checkpoint is frozen on its own (protected ones as of a month end): exact keeps the original id. */
export function checkpointId(studyId: string, month: number, disclosure: DisclosureMode = 'exact'): string {
  return disclosure === 'exact' ? `${studyId}:${month}` : `${studyId}:${month}:${disclosure}`;
}
