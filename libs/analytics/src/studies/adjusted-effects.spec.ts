import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { adjustedEffects } from './adjusted-effects';
import type { StudyDefinition } from './study-definition';
import type { PackedArm } from './study-report';

interface FixtureCase { name: string; exp_coef: number[]; lower: number[]; upper: number[]; pvalue: number[]; lr: { statistic: number }; input: { time: number[]; status: number[]; arm: string[]; level: string[]; group: string[] } }
const fixture = JSON.parse(readFileSync(join(__dirname, '../../../stats/fixtures/cox.json'), 'utf8')) as { cases: FixtureCase[] };
const byName = (name: string): FixtureCase => fixture.cases.find((c) => c.name === name)!;

const ARMS = ['comparison', 'mentored', 'coached'];
const definition: StudyDefinition = {
  name: 'Mentoring', arms: ARMS.map((name) => ({ name, cohortId: `c-${name}` })), outcomes: ['promotion'], horizonMonths: 36, interval: 'month',
  checkpointsMonths: [], adjust: ['levelAtEntry', { grouping: 'wres' }],
};

/** The fixture's members as a scan packs them: levels code as themselves, wres groups as white 1, bme 2. */
function packedArms(c: FixtureCase): PackedArm[] {
  return ARMS.map((name) => {
    const rows = c.input.arm.flatMap((arm, i) => (arm === name ? [i] : []));
    const codes = new Uint8Array(rows.flatMap((i) => [Number(c.input.level[i]), c.input.group[i] === 'white' ? 1 : 2]));
    const followUps = { times: Float64Array.from(rows, (i) => c.input.time[i]), statuses: Uint8Array.from(rows, (i) => c.input.status[i]), keys: new Uint32Array(rows.length) };
    return { name, cohortId: `c-${name}`, size: rows.length, sizeKey: 0, followUps: [['promotion', followUps]], covariates: [['promotion', codes]] };
  });
}

const close = (actual: number | null, expected: number): void => {
  expect(Math.abs((actual as number) - expected) / Math.abs(expected)).toBeLessThan(1e-9);
};

describe('adjusted effects of a study', () => {
  it('given the arms and their levels and groups, then the adjusted and unadjusted hazard ratios equal R coxph with treatment contrasts', () => {
    const [view] = adjustedEffects(definition, packedArms(byName('study_design')), { k: 5, disclosure: 'exact' });
    const adjusted = byName('study_design');
    const unadjusted = byName('study_design_unadjusted');

    expect(view).toMatchObject({ outcome: 'promotion', adjustedFor: ['levelAtEntry', 'grouping:wres'], n: 600, events: 395, excludedUnknown: 0, suppressed: false, reason: null });
    expect(view.arms.map((a) => [a.arm, a.reference])).toEqual([['mentored', 'comparison'], ['coached', 'comparison']]);
    view.arms.forEach((a, i) => {
      close(a.adjusted.hazardRatio, adjusted.exp_coef[i]);
      close(a.adjusted.lower, adjusted.lower[i]);
      close(a.adjusted.upper, adjusted.upper[i]);
      close(a.adjusted.pValue, adjusted.pvalue[i]);
      close(a.unadjusted.hazardRatio, unadjusted.exp_coef[i]);
    });
    expect(view.covariates.map((c) => [c.term, c.level, c.reference])).toEqual([
      ['levelAtEntry', '3', '2'], ['levelAtEntry', '5', '2'], ['grouping:wres', 'bme', 'white'],
    ]);
    view.covariates.forEach((c, j) => close(c.hazardRatio, adjusted.exp_coef[2 + j]));
    close(view.likelihoodRatioTest!.statistic, adjusted.lr.statistic);
  });

  it('given members with an unknown covariate, then they are left out of both models and counted', () => {
    const arms = packedArms(byName('study_design'));
    const codes = arms[1].covariates![0][1];
    codes[0] = 0;
    codes[3] = 0;
    const [view] = adjustedEffects(definition, arms, { k: 5, disclosure: 'exact' });
    expect(view).toMatchObject({ n: 598, excludedUnknown: null });
    expect(view.arms[0].adjusted.hazardRatio).not.toBeNull();
  });

  it('given an arm with fewer than k events, then its hazard ratios are withheld and the other arm is shown', () => {
    const arms = packedArms(byName('study_design'));
    const coached = arms[2].followUps[0][1];
    let kept = 0;
    coached.statuses.forEach((s, i) => {
      if (s === 1 && (kept += 1) > 2) coached.statuses[i] = 0;
    });
    const [view] = adjustedEffects(definition, arms, { k: 5, disclosure: 'exact' });
    expect(view.arms[1].adjusted).toEqual({ hazardRatio: null, lower: null, upper: null, pValue: null, suppressed: true });
    expect(view.arms[1].unadjusted.suppressed).toBe(true);
    expect(view.arms[0].adjusted.suppressed).toBe(false);
  });

  it('given a study without adjust, then there are no adjusted effects; given too few events, then the reason is said', () => {
    expect(adjustedEffects({ ...definition, adjust: undefined }, packedArms(byName('study_design')), { k: 5, disclosure: 'exact' })).toEqual([]);
    const arms = packedArms(byName('study_design'));
    for (const arm of arms) arm.followUps[0][1].statuses.fill(0);
    const [view] = adjustedEffects(definition, arms, { k: 5, disclosure: 'exact' });
    expect(view).toMatchObject({ arms: [], reason: 'too few events to estimate' });
  });

  it('given protected mode, then the counts are rounded by cell key and the hazard ratios are those of the model', () => {
    const arms = packedArms(byName('study_design'));
    arms.forEach((arm) => arm.followUps[0][1].keys.forEach((_, i, keys) => { keys[i] = (i * 2654435761) >>> 0; }));
    const [exact] = adjustedEffects(definition, arms, { k: 5, disclosure: 'exact' });
    const [protectedView] = adjustedEffects(definition, arms, { k: 5, disclosure: 'protected' });
    expect(protectedView.arms).toEqual(exact.arms);
    expect(protectedView.n).toBeGreaterThan(0);
    expect(protectedView.n! % 5).toBe(0);
  });
});
