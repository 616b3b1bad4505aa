import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AnalyticsScope } from '../scoping/analytics-scope.service';
import { StudyReports } from './study-reports.service';
import { studyResource, type StudyResource } from './study-resource';
import { ListStudies } from './studies.messages';

@QueryHandler(ListStudies)
export class ListStudiesHandler implements IQueryHandler<ListStudies, { studies: StudyResource[] }> {
  constructor(
    private readonly studies: StudyReports,
    private readonly scopes: AnalyticsScope,
  ) {}

  async execute({ scope }: ListStudies): Promise<{ studies: StudyResource[] }> {
    const studies = await this.studies.list();
    const visible = await Promise.all(studies.map((s) => this.scopes.studyVisible(s, scope)));
    return { studies: studies.filter((_, i) => visible[i]).map(studyResource) };
  }
}
