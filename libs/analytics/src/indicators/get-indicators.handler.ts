import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Representation } from '../materialisation/representation';
import { IndicatorViews } from './indicator-views.service';
import { GetIndicators } from './indicators.messages';

@QueryHandler(GetIndicators)
export class GetIndicatorsHandler implements IQueryHandler<GetIndicators, Representation> {
  constructor(private readonly indicators: IndicatorViews) {}

  async execute({ params, disclosure }: GetIndicators): Promise<Representation> {
    return (await this.indicators.indicators(params, disclosure)).json;
  }
}
