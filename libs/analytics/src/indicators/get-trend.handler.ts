import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AnalyticsReader } from '../materialisation/analytics-reader';
import type { Representation } from '../materialisation/representation';
import { trendCsv } from './indicators.csv';
import { IndicatorViews } from './indicator-views.service';
import { GetTrend } from './indicators.messages';

@QueryHandler(GetTrend)
export class GetTrendHandler implements IQueryHandler<GetTrend, Representation> {
  constructor(
    private readonly indicators: IndicatorViews,
    private readonly reader: AnalyticsReader,
  ) {}

  async execute({ params, disclosure }: GetTrend): Promise<Representation> {
    const view = await this.indicators.trend(params, disclosure);
    return params.format === 'csv' ? this.reader.csvOf(view, trendCsv) : view.json;
  }
}
