import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { SUBJECT_KEY_STORE, type SubjectKeyStore } from '@rung/event-store';
import { csvRepresentation, jsonRepresentation, LIVE_CACHE_CONTROL, type Representation } from '../materialisation/representation';
import { checkpointId } from './study.store';
import { reportPartCsv } from './study-report-parts.csv';
import { AnalyticsScope } from '../scoping/analytics-scope.service';
import { StudyReports } from './study-reports.service';
import { GetStudyCheckpoint } from './studies.messages';

/**
 * A frozen checkpoint never changes, so its representations are kept once made. It stays as
 * published after an erasure in its organisations, and then says so (`erasedSinceFrozen`): so it is
 * revalidated like a live view, though its figures never change.
 */
@QueryHandler(GetStudyCheckpoint)
export class GetStudyCheckpointHandler implements IQueryHandler<GetStudyCheckpoint, Representation> {
  private readonly made = new Map<string, Representation>();

  constructor(
    private readonly studies: StudyReports,
    private readonly scopes: AnalyticsScope,
    @Inject(SUBJECT_KEY_STORE) private readonly subjectKeys: SubjectKeyStore,
  ) {}

  async execute({ studyId, month, format, scope, disclosure, part }: GetStudyCheckpoint): Promise<Representation> {
    await this.scopes.requireStudy(studyId, scope);
    const frozen = await this.studies.checkpoint(studyId, month, disclosure);
    const erasedSinceFrozen = await this.erasedSince(studyId, frozen.frozenAt);
    const key = `${checkpointId(studyId, month, disclosure)}:${format}:${part}:${erasedSinceFrozen}`;
    const known = this.made.get(key);
    if (known) return known;
    const made = format === 'csv'
      ? csvRepresentation(reportPartCsv(part)(frozen.report), LIVE_CACHE_CONTROL)
      : jsonRepresentation({ ...frozen, erasedSinceFrozen }, LIVE_CACHE_CONTROL);
    if (this.made.size > 1000) this.made.clear();
    this.made.set(key, made);
    return made;
  }

  private async erasedSince(studyId: string, frozenAt: string): Promise<boolean> {
    const orgIds = new Set(await this.studies.orgIds(studyId));
    return (await this.subjectKeys.tombstones()).some((t) => orgIds.has(t.orgId) && t.requestedAt > frozenAt);
  }
}
