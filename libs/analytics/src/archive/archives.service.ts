import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rung/platform';
import { DomainError } from '@rung/domain';
import { ARCHIVE_STORE, archiveId, type ArchivedKind, type ArchiveRecord, type ArchiveStore } from './archive.store';

/**
 * Archived cohorts and studies (§7a `DELETE`). An archived definition is kept, with every frozen
 * checkpoint, so published figures stay traceable; it is no longer listed, read or reported.
 */
@Injectable()
export class Archives {
  constructor(
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Archives the definition once; archiving it again keeps the first date. */
  async archive(kind: ArchivedKind, id: string): Promise<ArchiveRecord> {
    const record: ArchiveRecord = { kind, id, archivedAt: this.clock().toISOString() };
    await this.store.insert(archiveId(kind, id), record);
    return (await this.store.get(archiveId(kind, id))) ?? record;
  }

  async archivedAt(kind: ArchivedKind, id: string): Promise<string | null> {
    return (await this.store.get(archiveId(kind, id)))?.archivedAt ?? null;
  }

  async archivedIds(kind: ArchivedKind): Promise<Set<string>> {
    return new Set((await this.store.list()).filter((r) => r.kind === kind).map((r) => r.id));
  }

  /** 410 for an archived definition. */
  async requireLive(kind: ArchivedKind, id: string): Promise<void> {
    const at = await this.archivedAt(kind, id);
    if (at !== null) throw new DomainError('gone', `This ${kind} was archived at ${at}; it is kept but no longer read.`);
  }
}
