import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { StudyReports } from './study-reports.service';
import { studyResource, type StudyResource } from './study-resource';
import { ListStudies } from './studies.messages';

@QueryHandler(ListStudies)
export class ListStudiesHandler implements IQueryHandler<ListStudies, { studies: StudyResource[] }> {
  constructor(private readonly studies: StudyReports) {}

  async execute(): Promise<{ studies: StudyResource[] }> {
    return { studies: (await this.studies.list()).map(studyResource) };
  }
}
