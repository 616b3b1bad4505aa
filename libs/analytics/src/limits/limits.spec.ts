import { DomainError } from '@rung/domain';
import { loadConfig } from '@rung/platform';
import { analyticsLimits, checkCheckpointBytes, checkPerOrg, checkQueryCost } from './limits';

const limits = analyticsLimits(loadConfig({}));

function refusal(run: () => void): DomainError {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('analytics limits', () => {
  it('given the defaults, then the normal studies fit and the pathological one does not', () => {
    expect(limits.queryCost).toEqual({ max: 4320, variable: 'MAX_QUERY_COST' });
    for (const shape of [{ arms: 2, outcomes: 3, horizonMonths: 36 }, { arms: 4, outcomes: 9, horizonMonths: 120 }]) {
      expect(() => checkQueryCost('study', shape, limits.queryCost)).not.toThrow();
    }
    const error = refusal(() => checkQueryCost('study', { arms: 10, outcomes: 3, horizonMonths: 600 }, limits.queryCost));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('limit-exceeded');
    expect(error.message).toBe(
      'This study would compute 10 arms × 3 outcomes × 600 months = 18,000 arm-outcome-months; the limit is 4,320 (MAX_QUERY_COST). Ask for fewer arms, outcomes or months.',
    );
  });

  it('given a limit, then exactly the limit is accepted and one more is refused', () => {
    const limit = { max: 36, variable: 'MAX_QUERY_COST' };
    expect(() => checkQueryCost('trajectory', { arms: 1, outcomes: 1, horizonMonths: 36 }, limit)).not.toThrow();
    expect(refusal(() => checkQueryCost('trajectory', { arms: 1, outcomes: 1, horizonMonths: 37 }, limit)).message).toMatch(
      /^This trajectory would compute 1 arm × 1 outcome × 37 months = 37 arm-outcome-months; the limit is 36 \(MAX_QUERY_COST\)/,
    );
  });

  it('given an organisation at its limit, then one more definition over it is refused naming the limit, and other organisations are not', () => {
    const limit = { max: 2, variable: 'MAX_COHORTS_PER_ORG' };
    const existing = [{ orgIds: ['a'], count: 1 }, { orgIds: ['a', 'b'], count: 1 }];
    expect(() => checkPerOrg('cohorts', existing, { orgIds: ['b'], count: 1 }, limit)).not.toThrow();
    const error = refusal(() => checkPerOrg('cohorts', existing, { orgIds: ['b', 'a'], count: 1 }, limit));
    expect(error.code).toBe('limit-exceeded');
    expect(error.message).toContain('Organisation a has 2 cohorts; this definition would bring it to 3, over the limit of 2 cohorts per organisation (MAX_COHORTS_PER_ORG)');
  });

  it('given checkpoints counted per study, then a study is refused when its checkpoints would pass the limit', () => {
    const limit = { max: 6, variable: 'MAX_CHECKPOINTS_PER_ORG' };
    expect(() => checkPerOrg('checkpoints', [{ orgIds: ['a'], count: 4 }], { orgIds: ['a'], count: 2 }, limit)).not.toThrow();
    expect(refusal(() => checkPerOrg('checkpoints', [{ orgIds: ['a'], count: 4 }], { orgIds: ['a'], count: 3 }, limit)).message).toContain('MAX_CHECKPOINTS_PER_ORG');
  });

  it('given a checkpoint report over the byte limit, then it is refused naming the limit', () => {
    const limit = { max: 1000, variable: 'MAX_CHECKPOINT_BYTES' };
    expect(() => checkCheckpointBytes(12, 1000, limit)).not.toThrow();
    const error = refusal(() => checkCheckpointBytes(12, 1001, limit));
    expect(error.code).toBe('limit-exceeded');
    expect(error.message).toContain('The month 12 checkpoint report would take 1,001 bytes; the limit is 1,000 (MAX_CHECKPOINT_BYTES)');
  });
});
