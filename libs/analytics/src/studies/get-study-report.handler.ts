import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AnalyticsReader } from '../materialisation/analytics-reader';
import type { Representation } from '../materialisation/representation';
import { reportPartCsv } from './study-report-parts.csv';
import { AnalyticsScope } from '../scoping/analytics-scope.service';
import { StudyReports } from './study-reports.service';
import { GetStudyReport } from './studies.messages';

@QueryHandler(GetStudyReport)
export class GetStudyReportHandler implements IQueryHandler<GetStudyReport, Representation> {
  constructor(
    private readonly studies: StudyReports,
    private readonly reader: AnalyticsReader,
    private readonly scopes: AnalyticsScope,
  ) {}

  async execute({ studyId, asOf, format, scope, disclosure, part }: GetStudyReport): Promise<Representation> {
    await this.scopes.requireStudy(studyId, scope);
    const view = await this.studies.report(studyId, asOf, disclosure);
    return format === 'csv' ? this.reader.csvOf(view, reportPartCsv(part), part) : view.json;
  }
}
