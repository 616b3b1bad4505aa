import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AnalyticsReader } from '../materialisation/analytics-reader';
import type { Representation } from '../materialisation/representation';
import { programmeMonitoringCsv } from './programme-monitoring.csv';
import { GetProgrammeMonitoring } from './programme-monitoring.messages';
import { ProgrammeMonitoringViews } from './programme-monitoring-views.service';

@QueryHandler(GetProgrammeMonitoring)
export class GetProgrammeMonitoringHandler implements IQueryHandler<GetProgrammeMonitoring, Representation> {
  constructor(
    private readonly views: ProgrammeMonitoringViews,
    private readonly reader: AnalyticsReader,
  ) {}

  async execute({ params, disclosure }: GetProgrammeMonitoring): Promise<Representation> {
    const view = await this.views.monitoring(params, disclosure);
    return params.format === 'csv' ? this.reader.csvOf(view, programmeMonitoringCsv) : view.json;
  }
}
