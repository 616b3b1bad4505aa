import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AnalyticsScope } from '../scoping/analytics-scope.service';
import { StudyReports } from './study-reports.service';
import { studyResource, type StudyResource } from './study-resource';
import { GetStudy } from './studies.messages';

@QueryHandler(GetStudy)
export class GetStudyHandler implements IQueryHandler<GetStudy, StudyResource> {
  constructor(
    private readonly studies: StudyReports,
    private readonly scopes: AnalyticsScope,
  ) {}

  async execute({ studyId, scope }: GetStudy): Promise<StudyResource> {
    await this.scopes.requireStudy(studyId, scope);
    return studyResource(await this.studies.live(studyId));
  }
}
