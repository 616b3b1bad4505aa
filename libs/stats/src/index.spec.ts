import * as stats from '@rung/stats';

describe('@rung/stats public API', () => {
  it('given the path alias, then every estimator is exported as a function', () => {
    const expected = [
      'kaplanMeier',
      'aalenJohansen',
      'logRank',
      'logRankByLabel',
      'poissonRate',
      'rateRatio',
      'relativeLikelihood',
      'representation',
      'brokenRungRatio',
      'suppressTable',
      'withholdEstimate',
      'withholdCurve',
      'intervalTable',
      'medianSurvival',
    ] as const;
    for (const name of expected) expect(typeof stats[name]).toBe('function');
    expect(stats.DEFAULT_DISCLOSURE_K).toBe(5);
    expect(stats.MIN_DISCLOSURE_K).toBe(3);
  });
});
