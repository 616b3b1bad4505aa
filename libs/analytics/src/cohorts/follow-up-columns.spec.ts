import type { FollowUp } from './follow-up';
import { FollowUpColumns, packFollowUps, unpackFollowUps } from './follow-up-columns';

const STATUSES = ['event', 'competing', 'censored'] as const;

describe('follow-up columns', () => {
  it('given more follow-ups than the columns first hold, then all come back, in order, with their statuses', () => {
    const list: FollowUp[] = Array.from({ length: 1000 }, (_, i) => ({ time: i % 2 ? i : i + 0.75, status: STATUSES[i % 3] }));
    const columns = new FollowUpColumns();
    for (const f of list) columns.push(f);

    expect(columns.length).toBe(1000);
    expect(unpackFollowUps(columns.packed())).toEqual(list);
  });

  it('given packed columns, then each is a buffer of its own, cut to length, so that it can be moved to another thread', () => {
    const packed = packFollowUps([{ time: 3, status: 'event' }, { time: 365.25, status: 'censored' }]);
    expect(packed.times.buffer.byteLength).toBe(16);
    expect(packed.statuses.buffer.byteLength).toBe(2);
  });
});
