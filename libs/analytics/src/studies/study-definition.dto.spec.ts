import { validateStudyDefinition } from './study-definition.dto';

const valid = {
  name: 'Mentoring vs comparison', arms: [{ name: 'mentored', cohortId: 'a' }, { name: 'comparison', cohortId: 'b' }],
  outcomes: ['promotion', 'exit', 'level-4'], horizonMonths: 36, interval: 'quarter', checkpointsMonths: [36, 6, 12, 24],
};

describe('study definition validation', () => {
  it('given the §7a shape, then it is valid, with checkpoints in order', () => {
    expect(validateStudyDefinition(valid)).toEqual({ ok: true, value: { ...valid, checkpointsMonths: [6, 12, 24, 36] } });
  });

  it('given adjust terms, an application window and a grouping, then they are kept; unknown or repeated terms are named', () => {
    const adjusted = { ...valid, adjust: ['levelAtEntry', 'tenureBand', { grouping: 'wres' }, 'sex'], applicationsWithinMonths: 6, grouping: 'ons5' };
    expect(validateStudyDefinition(adjusted)).toEqual({ ok: true, value: { ...adjusted, checkpointsMonths: [6, 12, 24, 36] } });
    const checked = validateStudyDefinition({ ...valid, adjust: ['age', { grouping: 'caste' }, 'sex', 'sex', { grouping: 'wres', extra: 1 }], grouping: 'x' });
    expect(checked.ok ? [] : checked.errors.map((e) => e.path)).toEqual(['adjust[0]', 'adjust[1]', 'adjust[3]', 'adjust[4]', 'grouping']);
    expect(validateStudyDefinition({ ...valid, adjust: 'sex' })).toMatchObject({ ok: false, errors: [{ path: 'adjust', message: 'must be a list of terms' }] });
  });

  it('given an outcome object whose outcome is not a name, then outcomes[i].outcome is named (found by fuzzing)', () => {
    const checked = validateStudyDefinition({ ...valid, outcomes: ['promotion', { outcome: { __proto__: [] }, estimator: 'kaplan-meier' }] });
    expect(checked.ok ? [] : checked.errors.map((e) => e.path)).toContain('outcomes[1].outcome');
  });

  it('given "constructor" or "__proto__" keys anywhere, then each is named, and nothing throws (found by fuzzing)', () => {
    const name = JSON.parse('{"constructor":{},"valueOf":{"x":1}}') as object;
    expect(validateStudyDefinition({ ...valid, arms: [valid.arms[0], { ...valid.arms[1], name }] })).toEqual({
      ok: false, errors: [{ path: 'arms[1].name.constructor', message: 'is not a known field' }, { path: 'arms[1].name.valueOf', message: 'is not a known field' }],
    });
    expect(validateStudyDefinition({ ...valid, ...(JSON.parse('{"__proto__":{"polluted":true}}') as object) })).toEqual({
      ok: false, errors: [{ path: '__proto__', message: 'is not a known field' }],
    });
  });

  it('given an arm written as a list, then it is named, not taken for an arm without a name or cohort (found by fuzzing)', () => {
    expect(validateStudyDefinition({ ...valid, arms: [valid.arms[0], []] })).toEqual({ ok: false, errors: [{ path: 'arms[1]', message: 'must be an object { name, cohortId }' }] });
    expect(validateStudyDefinition({ ...valid, arms: [valid.arms[0], [valid.arms[1]]] })).toEqual({ ok: false, errors: [{ path: 'arms[1]', message: 'must be an object { name, cohortId }' }] });
  });

  it('given one arm, unknown outcomes, a bad interval and a checkpoint beyond the horizon, then each is named', () => {
    const one = validateStudyDefinition({ ...valid, arms: [valid.arms[0]], outcomes: ['level-2'], interval: 'week' });
    expect(one).toEqual({
      ok: false,
      errors: [
        { path: 'arms', message: 'must have at least two arms' },
        { path: 'outcomes', message: 'must be a list of: promotion, exit, level-3, level-4, level-5, level-6, level-7, applied-above, appointed-above' },
        { path: 'interval', message: 'must be one of: month, quarter, year' },
      ],
    });
    expect(validateStudyDefinition({ ...valid, horizonMonths: 12, checkpointsMonths: [6, 24] })).toEqual({
      ok: false, errors: [{ path: 'checkpointsMonths[1]', message: 'must not be beyond horizonMonths' }],
    });
  });

  it('given duplicate arm names and outcomes, and an arm without a cohort, then each is named', () => {
    expect(validateStudyDefinition({ ...valid, arms: [valid.arms[0], { name: 'mentored' }] })).toEqual({
      ok: false, errors: [{ path: 'arms[1].cohortId', message: 'is required' }],
    });
    expect(validateStudyDefinition({ ...valid, arms: [valid.arms[0], { ...valid.arms[1], name: 'mentored' }], outcomes: ['exit', 'exit'] })).toEqual({
      ok: false, errors: [{ path: 'arms[1].name', message: 'must be unique within the study' }, { path: 'outcomes[1]', message: 'is listed twice' }],
    });
  });

  it('given outcomes that name their estimator and a reference arm, then both are kept', () => {
    const named = validateStudyDefinition({ ...valid, outcomes: [{ outcome: 'promotion', estimator: 'kaplan-meier' }, 'exit'], referenceArm: 'comparison' });
    expect(named).toEqual({
      ok: true,
      value: { ...valid, outcomes: ['promotion', 'exit'], checkpointsMonths: [6, 12, 24, 36], estimators: { promotion: 'kaplan-meier' }, referenceArm: 'comparison' },
    });
  });

  it('given a bad estimator, Aalen–Johansen for exit, a stray field and an unknown reference arm, then each is named', () => {
    const bad = validateStudyDefinition({
      ...valid, outcomes: [{ outcome: 'promotion', estimator: 'cox' }, { outcome: 'exit', estimator: 'aalen-johansen', weight: 2 }], referenceArm: 'nobody',
    });
    expect(bad).toEqual({
      ok: false,
      errors: [
        { path: 'outcomes[0].estimator', message: 'must be one of: kaplan-meier, aalen-johansen' },
        { path: 'outcomes[1].weight', message: 'is not a field of an outcome; use { outcome, estimator }' },
        { path: 'outcomes[1].estimator', message: 'aalen-johansen needs a competing event; exit has none, use kaplan-meier' },
        { path: 'referenceArm', message: 'must be the name of one of the arms' },
      ],
    });
  });
});
