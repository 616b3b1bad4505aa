import { Schedule } from './schedule';

describe('Schedule', () => {
  const grid = [0, 31, 59, 90];

  it('runs a month in day order, then order of scheduling, including steps added while running', () => {
    const schedule = new Schedule(grid);
    const ran: string[] = [];
    schedule.at(20, () => ran.push('20a'));
    schedule.at(5, () => {
      ran.push('5');
      schedule.at(10, () => ran.push('10 (added)'));
      schedule.at(40, () => ran.push('40 (next month)'));
    });
    schedule.at(20, () => ran.push('20b'));
    schedule.runMonth(0);
    expect(ran).toEqual(['5', '10 (added)', '20a', '20b']);
    schedule.runMonth(1);
    expect(ran.at(-1)).toBe('40 (next month)');
  });

  it('drops steps outside the run, and passes each step its day', () => {
    const schedule = new Schedule(grid);
    const days: number[] = [];
    schedule.at(90, (day) => days.push(day));
    schedule.at(-1, (day) => days.push(day));
    schedule.at(89, (day) => days.push(day));
    [0, 1, 2].forEach((m) => schedule.runMonth(m));
    expect(days).toEqual([89]);
    expect(schedule.monthOf(58)).toBe(1);
    expect(schedule.monthOf(59)).toBe(2);
  });
});
