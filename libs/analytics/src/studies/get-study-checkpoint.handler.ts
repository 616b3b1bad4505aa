import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { csvRepresentation, FROZEN_CACHE_CONTROL, jsonRepresentation, type Representation } from '../materialisation/representation';
import { checkpointId } from './study.store';
import { studyReportCsv } from './study-report.csv';
import { AnalyticsScope } from '../scoping/analytics-scope.service';
import { StudyReports } from './study-reports.service';
import { GetStudyCheckpoint } from './studies.messages';

/** A frozen checkpoint never changes, so its representations are kept once made. */
@QueryHandler(GetStudyCheckpoint)
export class GetStudyCheckpointHandler implements IQueryHandler<GetStudyCheckpoint, Representation> {
  private readonly made = new Map<string, Representation>();

  constructor(
    private readonly studies: StudyReports,
    private readonly scopes: AnalyticsScope,
  ) {}

  async execute({ studyId, month, format, scope, disclosure }: GetStudyCheckpoint): Promise<Representation> {
    await this.scopes.requireStudy(studyId, scope);
    const key = `${checkpointId(studyId, month, disclosure)}:${format}`;
    const known = this.made.get(key);
    if (known) return known;
    const frozen = await this.studies.checkpoint(studyId, month, disclosure);
    const made = format === 'csv' ? csvRepresentation(studyReportCsv(frozen.report), FROZEN_CACHE_CONTROL) : jsonRepresentation(frozen, FROZEN_CACHE_CONTROL);
    if (this.made.size > 1000) this.made.clear();
    this.made.set(key, made);
    return made;
  }
}
