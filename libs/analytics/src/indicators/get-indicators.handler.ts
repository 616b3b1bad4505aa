import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AnalyticsReader } from '../materialisation/analytics-reader';
import type { Representation } from '../materialisation/representation';
import { IndicatorViews } from './indicator-views.service';
import { indicatorsCsv } from './indicators.csv';
import { GetIndicators } from './indicators.messages';

@QueryHandler(GetIndicators)
export class GetIndicatorsHandler implements IQueryHandler<GetIndicators, Representation> {
  constructor(
    private readonly indicators: IndicatorViews,
    private readonly reader: AnalyticsReader,
  ) {}

  async execute({ params, disclosure }: GetIndicators): Promise<Representation> {
    const view = await this.indicators.indicators(params, disclosure);
    return params.format === 'csv' ? this.reader.csvOf(view, indicatorsCsv) : view.json;
  }
}
