import { normalQuantile } from '@rung/stats';
import { monthsToDays } from '../common/intervals';
import type { CurveRowView } from '../disclosure/trajectory-view';
import { headlineTable } from './headline-table';
import type { StudyDefinition } from './study-definition';
import type { ArmTrajectory } from './study-report';

const definition: StudyDefinition = {
  name: 's', arms: [{ name: 'comparison', cohortId: 'a' }, { name: 'mentored', cohortId: 'b' }], outcomes: ['exit'], horizonMonths: 12, interval: 'month',
  checkpointsMonths: [6, 12], referenceArm: 'comparison',
};

const row = (time: number, estimate: number | null, stdErr: number | null, suppressed = false): CurveRowView => ({
  time, elapsed: time / 30.4375, atRisk: suppressed ? null : 40, events: suppressed ? null : 1, censored: 0, estimate, stdErr,
  lower: estimate === null ? null : estimate - 0.1, upper: estimate === null ? null : estimate + 0.1, suppressed,
});

const trajectory = (arm: string, curve: CurveRowView[], table: ArmTrajectory['table'] = []): ArmTrajectory => ({
  arm, cohortId: arm, outcome: 'exit', estimator: 'kaplan-meier', estimand: 'survival', competingEvent: null, n: 40, suppressed: false,
  curve, median: null, table, rate: {} as ArmTrajectory['rate'],
});

const tableRow = (end: number, estimate: number | null, lower: number | null, upper: number | null, suppressed = false): ArmTrajectory['table'][number] => ({
  interval: 'q', start: end - 91.3125, end, atRisk: 40, events: 5, censored: 0, estimate, lower, upper, suppressed,
});

describe('headline table', () => {
  it('given curves per arm, when read at each checkpoint month, then each cell is the step curve there and differences use both standard errors', () => {
    const six = monthsToDays(6);
    const table = headlineTable(definition, [
      trajectory('comparison', [row(30, 0.95, 0.02), row(six, 0.9, 0.03), row(400, 0.8, 0.04)]),
      trajectory('mentored', [row(100, 0.97, 0.01), row(300, 0.93, 0.02), row(390, 0.9, 0.025)]),
    ], 12);

    expect(table.months).toEqual([6, 12]);
    expect(table.cells.map((c) => [c.arm, c.month, c.estimate])).toEqual([
      ['comparison', 6, 0.9], ['mentored', 6, 0.97], ['comparison', 12, 0.9], ['mentored', 12, 0.93],
    ]);
    const [at6] = table.differences;
    const z = normalQuantile(0.975);
    expect(at6).toMatchObject({ outcome: 'exit', month: 6, arm: 'mentored', reference: 'comparison' });
    expect(at6.difference).toBeCloseTo(0.07, 12);
    expect(at6.lower).toBeCloseTo(0.07 - z * Math.hypot(0.01, 0.03), 12);
    expect(at6.upper).toBeCloseTo(0.07 + z * Math.hypot(0.01, 0.03), 12);
  });

  it('given a withheld row, a time before the first row and one past the end of follow-up, then the cell says which', () => {
    const table = headlineTable(definition, [
      trajectory('comparison', [row(100, null, null, true), row(300, 0.9, 0.03)]),
      trajectory('mentored', [row(250, 0.95, 0.02)]),
    ], 12);

    expect(table.cells.map((c) => [c.arm, c.month, c.estimate, c.reason])).toEqual([
      ['comparison', 6, null, 'suppressed'], ['mentored', 6, 1, null], ['comparison', 12, null, 'beyond-follow-up'], ['mentored', 12, null, 'beyond-follow-up'],
    ]);
    expect(table.differences.every((d) => d.difference === null)).toBe(true);
  });

  it('given interval rows that end on the checkpoints, then they are read (a curve row withheld for its few events does not hide them), with se from the log-scale interval', () => {
    const six = monthsToDays(6);
    const twelve = monthsToDays(12);
    const table = headlineTable(definition, [
      trajectory('comparison', [row(100, null, null, true), row(300, null, null, true), row(400, 0.7, 0.05)], [tableRow(six, 0.8, 0.7, 0.9), tableRow(twelve, null, null, null, true)]),
      trajectory('mentored', [row(100, 0.95, 0.02), row(400, 0.9, 0.02)], [tableRow(six, 0.95, 0.9, 1), tableRow(twelve, 0.9, 0.85, 0.95)]),
    ], 12);

    expect(table.cells.map((c) => [c.arm, c.month, c.estimate, c.reason])).toEqual([
      ['comparison', 6, 0.8, null], ['mentored', 6, 0.95, null], ['comparison', 12, null, 'suppressed'], ['mentored', 12, 0.9, null],
    ]);
    const z = normalQuantile(0.975);
    const se = (e: number, l: number, u: number) => (e * Math.log(u / l)) / (2 * z);
    const [at6] = table.differences;
    expect(at6.difference).toBeCloseTo(0.15, 12);
    expect(at6.upper! - at6.difference!).toBeCloseTo(z * Math.hypot(se(0.8, 0.7, 0.9), se(0.95, 0.9, 1)), 12);
  });

  it('given no checkpoints, then the months are 6, 12, 24 and 36 within the horizon', () => {
    expect(headlineTable({ ...definition, checkpointsMonths: [] }, [], 24).months).toEqual([6, 12, 24]);
  });
});
