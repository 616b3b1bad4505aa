import { addRecordKey, cellUniform, roundByCellKey } from './cell-key-rounding';

describe('cell-key rounding', () => {
  it('keeps zero and exact multiples of the base', () => {
    expect(roundByCellKey(0, 123, 5)).toBe(0);
    expect(roundByCellKey(10, 99, 5)).toBe(10);
  });

  it('never publishes a count from 1 to base − 1 as itself', () => {
    for (let key = 0; key < 2000; key++) {
      for (const n of [1, 2, 3, 4]) expect([0, 5]).toContain(roundByCellKey(n, key * 7919, 5));
    }
  });

  it('gives the same value for the same cell key, whatever the order the records were added in', () => {
    const keys = [0xdeadbeef, 17, 0x12345678, 99];
    const forward = keys.reduce((c, k) => addRecordKey(c, k), 0);
    const backward = [...keys].reverse().reduce((c, k) => addRecordKey(c, k), 0);
    expect(forward).toBe(backward);
    expect(roundByCellKey(13, forward, 5)).toBe(roundByCellKey(13, backward, 5));
  });

  it('is unbiased: over many cell keys a count of 3 averages 3', () => {
    let sum = 0;
    const draws = 20000;
    for (let key = 0; key < draws; key++) sum += roundByCellKey(3, key, 5);
    expect(sum / draws).toBeCloseTo(3, 1);
  });

  it('spreads consecutive cell keys over [0, 1)', () => {
    const u = Array.from({ length: 1000 }, (_, i) => cellUniform(i));
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(u.filter((x) => x < 0.5).length).toBeGreaterThan(400);
    expect(u.filter((x) => x < 0.5).length).toBeLessThan(600);
  });

  it('rounds amounts such as person-years to a base, unbiased', () => {
    let sum = 0;
    for (let key = 0; key < 20000; key++) sum += roundByCellKey(2.25, key, 1);
    expect(sum / 20000).toBeCloseTo(2.25, 1);
    expect(() => roundByCellKey(-1, 0, 1)).toThrow(RangeError);
  });
});
