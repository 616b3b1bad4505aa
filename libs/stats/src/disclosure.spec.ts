import { suppressTable, withholdCurve, withholdEstimate } from './disclosure';
import type { SuppressedCount, SuppressedTable } from './disclosure';
import { kaplanMeier } from './kaplan-meier';
import { poissonRate } from './rates';

const values = (counts: readonly SuppressedCount[]): Array<number | null> => counts.map((c) => c.value);
const grid = (t: SuppressedTable): Array<Array<number | null>> => t.cells.map(values);

/** True when some hidden entry is the only hidden one in a published row or column equation. */
function recoverableBySubtraction(t: SuppressedTable): boolean {
  const rowLines = t.cells.map((row, r) => [...row, ...(t.rowTotals ? [t.rowTotals[r]] : [])]);
  const colLines = (t.cells[0] ?? []).map((_, c) => [...t.cells.map((row) => row[c]), ...(t.columnTotals ? [t.columnTotals[c]] : [])]);
  const lines = [...(t.rowTotals ? rowLines : []), ...(t.columnTotals ? colLines : [])];
  if (t.rowTotals && t.grandTotal) lines.push([...t.rowTotals, t.grandTotal]);
  if (t.columnTotals && t.grandTotal) lines.push([...t.columnTotals, t.grandTotal]);
  return lines.some((line) => line.filter((c) => c.suppressed).length === 1);
}

describe('suppressTable', () => {
  it('given counts 1..k-1, then they are suppressed while 0 and counts ≥ k are shown', () => {
    const t = suppressTable([[0, 1, 4, 5, 20]], 5, { rowTotals: false, columnTotals: false });
    expect(grid(t)).toEqual([[0, null, null, 5, 20]]);
    expect(t.cells[0][1]).toEqual({ value: null, suppressed: true, reason: 'primary' });
    expect(t.cells[0][0]).toEqual({ value: 0, suppressed: false, reason: null });
    expect(t.grandTotal).toBeNull();
  });

  it('given one small cell in a row with a shown total, then the next-smallest non-zero cell in the row is suppressed too', () => {
    const t = suppressTable([[3, 0, 12, 40]], 5, { columnTotals: false });
    expect(grid(t)).toEqual([[null, 0, null, 40]]);
    expect(t.cells[0][2].reason).toBe('secondary');
    expect(t.rowTotals?.[0]).toEqual({ value: 55, suppressed: false, reason: null });
  });

  it('given one small cell in a column with a shown total, then the next-smallest non-zero cell in the column is suppressed too', () => {
    const t = suppressTable([[2], [9], [7]], 5, { rowTotals: false });
    expect(grid(t)).toEqual([[null], [9], [null]]);
    expect(t.cells[2][0].reason).toBe('secondary');
    expect(t.columnTotals?.[0].value).toBe(18);
  });

  it('given a secondary suppression that leaves another line exposed, then suppression iterates to a fixed point', () => {
    const table = [
      [2, 10, 30],
      [8, 20, 30],
      [9, 6, 40],
    ];
    const t = suppressTable(table, 5);
    expect(grid(t)).toEqual([
      [null, null, 30],
      [null, null, 30],
      [9, 6, 40],
    ]);
    expect(recoverableBySubtraction(t)).toBe(false);
  });

  it('given a complementary cell that is the only non-zero one in its row, then the row total is suppressed to protect it', () => {
    const table = [
      [3, 10],
      [0, 7],
    ];
    const t = suppressTable(table, 5);
    expect(recoverableBySubtraction(t)).toBe(false);
    expect(t.cells[1][1].suppressed).toBe(true);
    expect(t.rowTotals?.[1].suppressed).toBe(true);
  });

  it('given a small margin, then the total is suppressed and protected in the margins equation', () => {
    const t = suppressTable(
      [
        [1, 2],
        [10, 20],
      ],
      5,
    );
    expect(t.rowTotals?.[0]).toMatchObject({ suppressed: true, reason: 'primary' });
    expect(recoverableBySubtraction(t)).toBe(false);
  });

  it('given larger random-looking tables, then no suppressed cell is recoverable from a single row or column', () => {
    let seed = 7;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let trial = 0; trial < 50; trial++) {
      const table = Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => Math.floor(next() ** 2 * 30)));
      expect(recoverableBySubtraction(suppressTable(table, 5))).toBe(false);
    }
  });

  it('given k = 3, then only 1 and 2 are primary suppressed', () => {
    const t = suppressTable([[1, 2, 3]], 3, { rowTotals: false, columnTotals: false });
    expect(grid(t)).toEqual([[null, null, 3]]);
  });

  it('given k below 3 or not an integer, then it throws a RangeError', () => {
    expect(() => suppressTable([[1]], 2)).toThrow(RangeError);
    expect(() => suppressTable([[1]], 4.5)).toThrow(RangeError);
    expect(() => withholdEstimate({ rate: 1 }, { numerator: 10 }, 1)).toThrow(RangeError);
  });

  it('given a ragged table or a negative count, then it is rejected', () => {
    expect(() => suppressTable([[1, 2], [3]])).toThrow(RangeError);
    expect(() => suppressTable([[-1]])).toThrow(RangeError);
  });
});

describe('withholdEstimate', () => {
  it('given a rate whose numerator is below k, then every field is null and suppressed is true', () => {
    const rate = poissonRate(3, 120);
    const withheld = withholdEstimate(rate, { numerator: rate.events, denominator: rate.personYears });
    expect(withheld).toEqual({ events: null, personYears: null, per: null, rate: null, lower: null, upper: null, suppressed: true });
  });

  it('given a zero numerator, then it is withheld too (0 is below k)', () => {
    expect(withholdEstimate({ rate: 0 }, { numerator: 0, denominator: 400 }).suppressed).toBe(true);
  });

  it('given all bases at least k, then the estimate is returned unchanged', () => {
    expect(withholdEstimate({ ratio: 1.5, lower: 1.1 }, { numerator: 5, denominator: 12 })).toEqual({
      ratio: 1.5,
      lower: 1.1,
      suppressed: false,
    });
  });

  it('given fields to keep, then they survive withholding', () => {
    const withheld = withholdEstimate({ level: 2, ratio: 0.8 }, { atRisk: 4 }, 5, ['level']);
    expect(withheld).toEqual({ level: 2, ratio: null, suppressed: true });
  });
});

describe('withholdCurve', () => {
  it('given a survival curve, then rows with fewer than k at risk keep their time but lose every number', () => {
    const curve = kaplanMeier([1, 2, 3, 4, 5, 6, 7].map((time) => ({ time, event: true }))).curve;
    const withheld = withholdCurve(curve, 5);
    expect(withheld).toHaveLength(curve.length);
    expect(withheld[2]).toMatchObject({ time: 3, atRisk: 5, suppressed: false });
    expect(withheld[3]).toEqual({
      time: 4,
      atRisk: null,
      events: null,
      censored: null,
      estimate: null,
      stdErr: null,
      stdErrLogS: null,
      lower: null,
      upper: null,
      suppressed: true,
    });
  });
});
