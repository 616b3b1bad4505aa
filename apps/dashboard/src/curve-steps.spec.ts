/// <reference types="jest" />
import { stepsOf, type CurvePoint } from './curve-steps';

/** Written out, not imported, so that a wrong constant in the code fails here. */
const MONTH = 30.4375;
const at = (months: number, estimate: number | null, suppressed = estimate === null): CurvePoint =>
  ({ arm: 'a', days: months * MONTH, estimate, lower: estimate === null ? null : estimate - 0.05, upper: estimate === null ? null : estimate + 0.05, suppressed });

describe('a curve as steps that break where an estimate is withheld', () => {
  it('given every estimate shown, then the steps start at the curve’s start and follow the rows in order of time, with nothing withheld', () => {
    const { steps, withheld } = stepsOf('a', [at(6, 0.8), at(3, 0.9)], 1);
    expect(steps.map((s) => [s.month, s.y])).toEqual([[0, 1], [3, 0.9], [6, 0.8]]);
    expect(withheld).toEqual([]);
  });

  it('given a withheld stretch between shown rows, then the line holds the last figure up to it, breaks, and a box spans the stretch between the figures either side', () => {
    const { steps, withheld } = stepsOf('a', [at(3, 0.9), at(4, null), at(5, null), at(6, 0.7)], 1);
    expect(steps.map((s) => [s.month, s.y])).toEqual([[0, 1], [3, 0.9], [4, 0.9], [4, NaN], [6, 0.7]]);
    expect(withheld).toEqual([{ arm: 'a', from: 4, to: 6, y1: 0.7, y2: 0.9 }]);
  });

  it('given an incidence withheld to the end, then the box runs from the last figure to the top of the scale', () => {
    const { withheld } = stepsOf('a', [at(3, 0.1), at(9, null), at(12, null)], 0);
    expect(withheld).toEqual([{ arm: 'a', from: 9, to: 12, y1: 0.1, y2: 1 }]);
  });

  it('given a survival withheld from the first row, then the box runs from the start (1) to the first figure shown', () => {
    const { steps, withheld } = stepsOf('a', [at(1, null), at(2, 0.85)], 1);
    expect(steps[1]).toEqual({ arm: 'a', month: 1, y: 1, lo: 1, up: 1 });
    expect(withheld).toEqual([{ arm: 'a', from: 1, to: 2, y1: 0.85, y2: 1 }]);
  });

  it('given a row with an estimate but flagged suppressed, then it is treated as withheld, never drawn', () => {
    const { steps } = stepsOf('a', [at(2, 0.5, true), at(4, 0.4)], 1);
    expect(steps.some((s) => s.y === 0.5)).toBe(false);
  });
});
