import { representation } from './representation';

describe('representation', () => {
  it('given counts by level and group, then each level has its total and every group its share', () => {
    const result = representation([
      { level: 3, group: 'women', count: 2 },
      { level: 1, group: 'women', count: 30 },
      { level: 1, group: 'men', count: 10 },
      { level: 3, group: 'men', count: 6 },
    ]);
    expect(result).toEqual([
      {
        level: 1,
        total: 40,
        groups: [
          { group: 'women', count: 30, share: 0.75 },
          { group: 'men', count: 10, share: 0.25 },
        ],
      },
      {
        level: 3,
        total: 8,
        groups: [
          { group: 'women', count: 2, share: 0.25 },
          { group: 'men', count: 6, share: 0.75 },
        ],
      },
    ]);
  });

  it('given a group absent from a level, then it is listed there with count 0 and share 0', () => {
    const [level2] = representation([
      { level: 2, group: 'a', count: 4 },
      { level: 5, group: 'b', count: 1 },
    ]);
    expect(level2.groups).toEqual([
      { group: 'a', count: 4, share: 1 },
      { group: 'b', count: 0, share: 0 },
    ]);
  });

  it('given a level with nobody, then shares are null rather than NaN', () => {
    const [level] = representation([{ level: 1, group: 'a', count: 0 }]);
    expect(level).toEqual({ level: 1, total: 0, groups: [{ group: 'a', count: 0, share: null }] });
  });

  it('given repeated (level, group) rows, then their counts are summed', () => {
    const [level] = representation([
      { level: 1, group: 'a', count: 1 },
      { level: 1, group: 'a', count: 2 },
      { level: 1, group: 'b', count: 1 },
    ]);
    expect(level.groups[0]).toEqual({ group: 'a', count: 3, share: 0.75 });
  });

  it('given a negative or fractional count, then it is rejected', () => {
    expect(() => representation([{ level: 1, group: 'a', count: -1 }])).toThrow(RangeError);
    expect(() => representation([{ level: 1, group: 'a', count: 0.5 }])).toThrow(RangeError);
  });
});
