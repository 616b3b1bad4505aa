import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { StudyReports } from './study-reports.service';
import { studyResource, type StudyResource } from './study-resource';
import { GetStudy } from './studies.messages';

@QueryHandler(GetStudy)
export class GetStudyHandler implements IQueryHandler<GetStudy, StudyResource> {
  constructor(private readonly studies: StudyReports) {}

  async execute({ studyId }: GetStudy): Promise<StudyResource> {
    return studyResource(await this.studies.get(studyId));
  }
}
