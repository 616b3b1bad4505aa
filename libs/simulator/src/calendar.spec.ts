import { addMonths, dayOf, isoOf, monthGrid, yearOf } from './calendar';

describe('calendar', () => {
  it('turns ISO dates into day numbers and back', () => {
    expect(dayOf('1970-01-01')).toBe(0);
    expect(dayOf('2024-02-29')).toBe(19782);
    expect(isoOf(19782)).toBe('2024-02-29');
    expect(yearOf(dayOf('2023-12-31'))).toBe(2023);
  });

  it.each(['2023-02-29', '2024-13-01', '2024-1-01', 'soon'])('refuses %s', (bad) => {
    expect(() => dayOf(bad)).toThrow(/not a date/);
  });

  it('builds a monthly grid whose last entry is the day after the end', () => {
    const grid = monthGrid(dayOf('2020-11-01'), 3).map(isoOf);
    expect(grid).toEqual(['2020-11-01', '2020-12-01', '2021-01-01', '2021-02-01']);
    expect(isoOf(addMonths(dayOf('2021-01-31'), 1))).toBe('2021-02-01');
  });
});
