import { timelineOf } from '@rung/testing';
import { dayOf } from '../common/days';
import { levelOn, type CohortMember } from './cohort-membership';
import { followUp, sortedByTime } from './follow-up';
import { parseOutcome, type OutcomeName } from './outcomes';

const T0 = '2024-01-01';
const window = { asOf: dayOf('2025-01-01'), horizonDays: Infinity };

function memberWith(build: Parameters<typeof timelineOf>[1]): CohortMember {
  const timeline = timelineOf('s1', (s) => {
    s.add('EmployeeHired', '2020-01-06', { grade: '5' });
    build(s);
  });
  return { timeline, timeZero: dayOf(T0), levelAtEntry: levelOn(timeline, dayOf(T0)) };
}

const follow = (m: CohortMember, outcome: OutcomeName, w = window) => followUp(m, parseOutcome(outcome), w);

describe('follow-up from time zero', () => {
  it('given a promotion 100 days after time zero, when following promotion, then it is an event at day 100', () => {
    const m = memberWith((s) => s.add('PromotionGranted', '2024-04-10'));
    expect(follow(m, 'promotion')).toEqual({ time: 100, status: 'event' });
  });

  it('given no outcome, then follow-up is censored at the as-of date', () => {
    expect(follow(memberWith(() => undefined), 'promotion')).toEqual({ time: 366, status: 'censored' });
  });

  it('given a member censored at a later enrolment, then follow-up ends there, and an outcome on that day still counts', () => {
    const promoted = (on: string) => ({ ...memberWith((s) => s.add('PromotionGranted', on)), censorAt: 60 });
    expect(follow(promoted('2024-06-01'), 'promotion')).toEqual({ time: 60, status: 'censored' });
    expect(follow(promoted('2024-03-01'), 'promotion')).toEqual({ time: 60, status: 'event' });
    expect(follow(promoted('2024-02-01'), 'promotion')).toEqual({ time: 31, status: 'event' });
    expect(follow({ ...memberWith((s) => s.add('EmployeeLeft', '2024-07-01')), censorAt: 60 }, 'exit')).toEqual({ time: 60, status: 'censored' });
  });

  it('given a horizon before the as-of date, then follow-up is censored at the horizon, and an outcome after it does not count', () => {
    const m = memberWith((s) => s.add('PromotionGranted', '2024-09-01'));
    expect(follow(m, 'promotion', { ...window, horizonDays: 182.625 })).toEqual({ time: 182.625, status: 'censored' });
  });

  it('given an outcome after the as-of date, then it is not seen and follow-up is censored at the as-of date', () => {
    const m = memberWith((s) => s.add('PromotionGranted', '2025-03-01'));
    expect(follow(m, 'promotion')).toEqual({ time: 366, status: 'censored' });
  });

  it('given leaving before promotion, then leaving ends follow-up as the competing event', () => {
    const m = memberWith((s) => {
      s.add('EmployeeLeft', '2024-02-01');
      s.add('PromotionGranted', '2024-03-01');
    });
    expect(follow(m, 'promotion')).toEqual({ time: 31, status: 'competing' });
    expect(follow(m, 'exit')).toEqual({ time: 31, status: 'event' });
  });

  it('given a promotion on the day of leaving, then the promotion counts', () => {
    const m = memberWith((s) => {
      s.add('PromotionGranted', '2024-02-01');
      s.add('EmployeeLeft', '2024-02-01');
    });
    expect(follow(m, 'promotion')).toEqual({ time: 31, status: 'event' });
  });

  it('given a promotion on the entry day, then it is part of the level at entry and not an outcome', () => {
    const m = memberWith((s) => s.add('PromotionGranted', T0));
    expect(follow(m, 'promotion')).toEqual({ time: 366, status: 'censored' });
  });

  it('given a leaving on the entry day, then it is an exit at time 0', () => {
    expect(follow(memberWith((s) => s.add('EmployeeLeft', T0)), 'exit')).toEqual({ time: 0, status: 'event' });
  });

  it('given a leaving before time zero and a rehire, then only a leaving after time zero counts', () => {
    const m = memberWith((s) => {
      s.add('EmployeeLeft', '2022-01-01');
      s.add('EmployeeHired', '2023-01-01');
      s.add('EmployeeLeft', '2024-03-01');
    });
    expect(follow(m, 'exit')).toEqual({ time: 60, status: 'event' });
  });

  it('given two promotions, when following level-4, then the event is the date level 4 is reached', () => {
    const m = memberWith((s) => {
      s.add('PromotionGranted', '2024-02-01', { fromGrade: '5', toGrade: '6' });
      s.add('PromotionGranted', '2024-06-01', { fromGrade: '6', toGrade: '7' });
    });
    expect(follow(m, 'level-3')).toEqual({ time: 31, status: 'event' });
    expect(follow(m, 'level-4')).toEqual({ time: 152, status: 'event' });
  });

  it('given a member already at level 3 at entry, then they are not at risk of reaching level 3', () => {
    const m = memberWith((s) => s.add('PromotionGranted', '2023-01-01'));
    expect(follow(m, 'level-3')).toBeUndefined();
    expect(follow(m, 'level-4')).toEqual({ time: 366, status: 'censored' });
  });

  it('given applications at and above the current level, then applied-above counts only the one above, and appointed-above its appointment', () => {
    const m = memberWith((s) => {
      s.add('ApplicationSubmitted', '2024-02-01', { applicationId: 'same', targetGrade: '5' });
      s.add('ApplicationSubmitted', '2024-03-01', { applicationId: 'above', targetGrade: '6' });
      s.add('ApplicationOutcome', '2024-02-15', { applicationId: 'same', outcome: 'appointed' });
      s.add('ApplicationOutcome', '2024-04-01', { applicationId: 'above', outcome: 'appointed' });
    });
    expect(follow(m, 'applied-above')).toEqual({ time: 60, status: 'event' });
    expect(follow(m, 'appointed-above')).toEqual({ time: 91, status: 'event' });
  });

  it('given a rejected application above the level, then appointed-above is censored', () => {
    const m = memberWith((s) => {
      s.add('ApplicationSubmitted', '2024-03-01', { applicationId: 'above', targetGrade: '6' });
      s.add('ApplicationOutcome', '2024-04-01', { applicationId: 'above', outcome: 'rejected' });
    });
    expect(follow(m, 'appointed-above')).toEqual({ time: 366, status: 'censored' });
  });
});

describe('sorting follow-ups by time', () => {
  it('given whole days and a fractional horizon, then they come out in time order, ties kept together', () => {
    const list = [
      { time: 1095.75, status: 'censored' as const }, { time: 3, status: 'event' as const }, { time: 1095, status: 'event' as const },
      { time: 0, status: 'event' as const }, { time: 1095.75, status: 'censored' as const }, { time: 3, status: 'competing' as const },
    ];
    expect(sortedByTime(list).map((f) => f.time)).toEqual([0, 3, 3, 1095, 1095.75, 1095.75]);
  });

  it('given two different fractions in one day, then it still sorts them', () => {
    const list = [{ time: 5.75, status: 'censored' as const }, { time: 5.25, status: 'censored' as const }, { time: 5, status: 'event' as const }];
    expect(sortedByTime(list).map((f) => f.time)).toEqual([5, 5.25, 5.75]);
  });
});
