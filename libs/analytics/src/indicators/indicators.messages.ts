import type { DisclosureMode } from '@rung/domain';
import type { IndicatorsParams, TrendParams } from './indicator-query';

export class GetIndicators {
  constructor(
    readonly params: IndicatorsParams,
    readonly disclosure: DisclosureMode,
  ) {}
}

export class GetTrend {
  constructor(
    readonly params: TrendParams,
    readonly disclosure: DisclosureMode,
  ) {}
}
