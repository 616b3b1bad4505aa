import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CheckpointStatus } from './checkpoints';
import { AnalyticsScope } from '../scoping/analytics-scope.service';
import { StudyReports } from './study-reports.service';
import { ListStudyCheckpoints } from './studies.messages';

type Listing = { studyId: string; recruitmentEnd: string; checkpoints: CheckpointStatus[] };

@QueryHandler(ListStudyCheckpoints)
export class ListStudyCheckpointsHandler implements IQueryHandler<ListStudyCheckpoints, Listing> {
  constructor(
    private readonly studies: StudyReports,
    private readonly scopes: AnalyticsScope,
  ) {}

  async execute({ studyId, scope, disclosure }: ListStudyCheckpoints): Promise<Listing> {
    await this.scopes.requireStudy(studyId, scope);
    return this.studies.checkpointStatuses(studyId, disclosure);
  }
}
