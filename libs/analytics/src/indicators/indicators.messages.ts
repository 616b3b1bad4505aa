import type { IndicatorsParams, TrendParams } from './indicator-query';

export class GetIndicators {
  constructor(readonly params: IndicatorsParams) {}
}

export class GetTrend {
  constructor(readonly params: TrendParams) {}
}
