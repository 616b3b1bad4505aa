import { calendarPeriods, intervalDays } from './intervals';
import { dayOf, isIsoDate, isoDateOf } from './days';
import { csvDocument } from './csv';

describe('days and intervals', () => {
  it('given ISO dates and date-times, then day numbers agree with Date.UTC and round-trip', () => {
    for (const iso of ['1970-01-01', '2000-02-29', '2024-12-31', '1899-03-01', '2100-03-01']) {
      expect(dayOf(iso)).toBe(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000);
      expect(isoDateOf(dayOf(iso))).toBe(iso);
    }
    expect(dayOf('2024-03-01T23:59:59.000Z')).toBe(dayOf('2024-03-01'));
  });

  it('given strings, then only real YYYY-MM-DD dates are dates', () => {
    expect(['2024-02-29', '2023-12-31'].every(isIsoDate)).toBe(true);
    expect(['2023-02-29', '2024-13-01', '2024-1-01', '2024-01-01T00:00:00Z', 20240101].some(isIsoDate)).toBe(false);
  });

  it('given intervals, then a month is 30.4375 days, a quarter three of them, a year 365.25', () => {
    expect([intervalDays('month'), intervalDays('quarter'), intervalDays('year')]).toEqual([30.4375, 91.3125, 365.25]);
  });

  it('given a span, then calendar periods are clipped to it and labelled', () => {
    const q = calendarPeriods(dayOf('2024-02-10'), dayOf('2024-08-05'), 'quarter');
    expect(q.map((p) => [p.label, p.from, p.to])).toEqual([
      ['2024-Q1', '2024-02-10', '2024-03-31'], ['2024-Q2', '2024-04-01', '2024-06-30'], ['2024-Q3', '2024-07-01', '2024-08-05'],
    ]);
    expect(calendarPeriods(dayOf('2023-12-01'), dayOf('2024-01-31'), 'month').map((p) => p.label)).toEqual(['2023-12', '2024-01']);
    expect(calendarPeriods(dayOf('2023-06-01'), dayOf('2024-01-31'), 'year').map((p) => [p.label, p.from, p.to])).toEqual([['2023', '2023-06-01', '2023-12-31'], ['2024', '2024-01-01', '2024-01-31']]);
  });

  it('given values to export, then CSV quotes what needs quoting and leaves missing values empty', () => {
    expect(csvDocument(['a', 'b', 'c', 'd'], [['x, "y"', null, true, 0.1]])).toBe('a,b,c,d\r\n"x, ""y""",,1,0.1\r\n');
  });
});
