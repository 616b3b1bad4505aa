import { DEFAULT_SIMULATION, resolveOptions } from './options';

describe('resolveOptions', () => {
  it('fills in the defaults, nested ones included', () => {
    const options = resolveOptions({ seed: 4, disparities: { exitHazardRatio: 2 } });
    expect(options).toMatchObject({ seed: 4, orgs: 3, subjects: 20_000, years: 5, start: '2020-04-01' });
    expect(options.disparities).toEqual({ ...DEFAULT_SIMULATION.disparities, exitHazardRatio: 2 });
  });

  it('names every bad option in one error', () => {
    const attempt = (): unknown => resolveOptions({ seed: 1.5, orgs: 0, start: '2020-04-02', disparities: { appointmentOddsRatio: -1 }, lateShare: 0.9 });
    expect(attempt).toThrow(RangeError);
    expect(attempt).toThrow(/seed must be a whole number/);
    expect(attempt).toThrow(/orgs must be a whole number from 1 to 99/);
    expect(attempt).toThrow(/start must be the first day of a month/);
    expect(attempt).toThrow(/disparities.appointmentOddsRatio must be a number above 0/);
    expect(attempt).toThrow(/lateShare must be a number from 0 to 0.5/);
  });
});
