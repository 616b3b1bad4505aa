import { InMemoryDocumentStore, type DocumentStore } from '../stores/document-store';

export const ARCHIVE_STORE = Symbol('ARCHIVE_STORE');

export type ArchivedKind = 'cohort' | 'study';

/** That a definition was archived, and when: a document of its own, so that definitions stay write-once. */
export interface ArchiveRecord {
  kind: ArchivedKind;
  id: string;
  archivedAt: string;
}

export type ArchiveStore = DocumentStore<ArchiveRecord>;

export class InMemoryArchiveStore extends InMemoryDocumentStore<ArchiveRecord> implements ArchiveStore {}

export function archiveId(kind: ArchivedKind, id: string): string {
  return `${kind}:${id}`;
}
