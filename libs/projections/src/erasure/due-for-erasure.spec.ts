import type { Spell } from '../subject-timeline/subject-timeline';
import { dueForErasure } from './due-for-erasure';

const spell = (hiredAt: string | null, leftAt: string | null): Spell => ({ hiredAt, leftAt, leavingReason: leftAt ? 'voluntary' : null });
const given = (...spells: Spell[]) => ({ spells });

describe('dueForErasure: who retention erases', () => {
  it('given a leaver whose exit is more than the retention period ago, when asked, then they are due', () => {
    expect(dueForErasure(given(spell('2010-01-04', '2016-05-31')), '2024-06-30', 7)).toBe(true);
  });

  it('given a recent leaver, when asked, then they are kept', () => {
    expect(dueForErasure(given(spell('2010-01-04', '2023-05-31')), '2024-06-30', 7)).toBe(false);
  });

  it('given an exit exactly the retention period ago, when asked that day, then they are kept until the next day', () => {
    const timeline = given(spell('2010-01-04', '2017-06-30'));
    expect(dueForErasure(timeline, '2024-06-30', 7)).toBe(false);
    expect(dueForErasure(timeline, '2024-07-01', 7)).toBe(true);
  });

  it('given someone still in post, when asked, then they are kept however long ago they were hired', () => {
    expect(dueForErasure(given(spell('1990-01-01', null)), '2024-06-30', 1)).toBe(false);
  });

  it('given a leaver who was rehired and is in post again, when asked, then they are kept', () => {
    expect(dueForErasure(given(spell('2000-01-01', '2005-01-01'), spell('2020-01-01', null)), '2024-06-30', 7)).toBe(false);
  });

  it('given several ended spells, when asked, then the last exit counts, whatever their order', () => {
    const spells = [spell('2015-01-01', '2020-01-01'), spell('2000-01-01', '2005-01-01')];
    expect(dueForErasure(given(...spells), '2024-06-30', 7)).toBe(false);
    expect(dueForErasure(given(...spells), '2027-01-02', 7)).toBe(true);
  });

  it('given a timeline with no spell at all, when asked, then they are kept: there is no exit to count from', () => {
    expect(dueForErasure(given(), '2090-01-01', 1)).toBe(false);
  });

  it('given an exit on 29 February, when the anniversary falls in a common year, then they are due from 1 March', () => {
    const timeline = given(spell(null, '2016-02-29'));
    expect(dueForErasure(timeline, '2023-02-28', 7)).toBe(false);
    expect(dueForErasure(timeline, '2023-03-01', 7)).toBe(true);
  });
});
