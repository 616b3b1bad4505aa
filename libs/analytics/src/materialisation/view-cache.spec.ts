import { ViewCache } from './view-cache';

describe('view cache: dates per view', () => {
  it('given a view read as of more dates than it keeps, then only the most recently read dates stay', () => {
    const cache = new ViewCache<string>(500, 3);
    const asOf = (date: string) => ({ view: 'report|s1|5', asOf: date });
    for (const date of ['2025-01-01', '2025-01-02', '2025-01-03']) cache.set(`r|${date}`, date, ['o'], asOf(date));
    cache.get('r|2025-01-01');
    cache.set('r|2025-01-04', '2025-01-04', ['o'], asOf('2025-01-04'));

    expect(cache.get('r|2025-01-02')).toBeUndefined();
    expect(cache.asOfDates('report|s1|5')).toEqual(['2025-01-03', '2025-01-01', '2025-01-04']);
    expect(cache.size).toBe(3);
  });

  it('given many dates of one view, then the other views and undated entries are kept', () => {
    const cache = new ViewCache<number>(500, 2);
    cache.set('trend', 0, ['o']);
    cache.set('other|2025-01-01', 0, ['o'], { view: 'other', asOf: '2025-01-01' });
    for (let i = 1; i <= 25; i++) cache.set(`report|${i}`, i, ['o'], { view: 'report', asOf: `2025-02-${String(i).padStart(2, '0')}` });

    expect(cache.size).toBe(4);
    expect(cache.get('trend')).toBe(0);
    expect(cache.get('other|2025-01-01')).toBe(0);
    expect([cache.get('report|24'), cache.get('report|25')]).toEqual([24, 25]);
  });

  it('given one date computed under two data versions, then both count as one date and go together', () => {
    const cache = new ViewCache<number>(500, 1);
    cache.set('r|d1#v1', 1, ['o'], { view: 'r', asOf: 'd1' });
    cache.set('r|d1#v2', 2, ['o'], { view: 'r', asOf: 'd1' });
    expect(cache.size).toBe(2);
    cache.set('r|d2#v2', 3, ['o'], { view: 'r', asOf: 'd2' });
    expect(cache.size).toBe(1);
    expect(cache.asOfDates('r')).toEqual(['d2']);
  });

  it('given an organisation invalidated, then its dated views leave the date index too', () => {
    const cache = new ViewCache<number>(500, 2);
    cache.set('r|d1', 1, ['o'], { view: 'r', asOf: 'd1' });
    cache.invalidateOrg('o');
    expect(cache.asOfDates('r')).toEqual([]);
  });

  it('given values dropped by invalidation, eviction or clearing, then each is reported once, and a value set again under its key is not', () => {
    const dropped: number[] = [];
    const cache = new ViewCache<number>(2, Number.POSITIVE_INFINITY, (v) => dropped.push(v));
    cache.set('a', 1, ['o']);
    cache.set('a', 1, ['o']);
    cache.set('b', 2, ['p']);
    cache.set('c', 3, ['p']);
    expect(dropped).toEqual([1]);
    cache.invalidateOrg('p');
    expect(dropped.sort()).toEqual([1, 2, 3]);
    cache.set('d', 4, ['o']);
    cache.clear();
    expect(dropped).toContain(4);
  });
});
