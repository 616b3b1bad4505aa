import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CheckpointStatus } from './checkpoints';
import { StudyReports } from './study-reports.service';
import { ListStudyCheckpoints } from './studies.messages';

type Listing = { studyId: string; recruitmentEnd: string; checkpoints: CheckpointStatus[] };

@QueryHandler(ListStudyCheckpoints)
export class ListStudyCheckpointsHandler implements IQueryHandler<ListStudyCheckpoints, Listing> {
  constructor(private readonly studies: StudyReports) {}

  execute({ studyId }: ListStudyCheckpoints): Promise<Listing> {
    return this.studies.checkpointStatuses(studyId);
  }
}
