import type { FollowUp } from '../cohorts/follow-up';
import { FollowUpColumns } from '../cohorts/follow-up-columns';
import { followUpsOf, protectedLifeTable } from './protected-life-table';

const K = 5;
const OPTS = { intervalDays: 30, horizonDays: 90, k: K };

function keyed(list: Array<FollowUp & { key: number }>) {
  const columns = new FollowUpColumns();
  for (const f of list) columns.push(f, f.key);
  return columns.packed();
}

/** n people with record keys 1..n, each followed as `at(i)` says. */
function people(n: number, at: (i: number) => FollowUp): Array<FollowUp & { key: number }> {
  return Array.from({ length: n }, (_, i) => ({ ...at(i), key: (i + 1) * 2654435761 }));
}

describe('protectedLifeTable', () => {
  it('given counts that are multiples of k, when tabulated, then they are kept and rows are (start, end]', () => {
    const given = people(20, (i) => (i < 5 ? { time: 30, status: 'event' } : i < 10 ? { time: 31, status: 'event' } : { time: 90, status: 'censored' }));
    const table = protectedLifeTable(keyed(given), OPTS);
    expect(table.n).toBe(20);
    expect(table.rows.map((r) => [r.atRisk, r.events, r.censored])).toEqual([[20, 5, 0], [15, 5, 0], [10, 0, 10]]);
    expect(table.events).toBe(10);
  });

  it('given small counts, when tabulated, then every count is 0 or a multiple of k and the table adds up', () => {
    for (let size = 1; size <= 40; size++) {
      const given = people(size, (i) => ({ time: (i * 7) % 95, status: i % 3 === 0 ? 'event' : i % 3 === 1 ? 'competing' : 'censored' }));
      const table = protectedLifeTable(keyed(given), OPTS);
      const counts = table.rows.flatMap((r) => [r.atRisk, r.events, r.competing, r.censored]);
      expect(counts.every((c) => c % K === 0 && c >= 0)).toBe(true);
      const leaving = table.rows.reduce((s, r) => s + r.events + r.competing + r.censored, 0);
      expect(leaving).toBe(table.n);
      table.rows.forEach((r, j) => {
        if (j > 0) {
          const p = table.rows[j - 1];
          expect(r.atRisk).toBe(p.atRisk - p.events - p.competing - p.censored);
        }
      });
    }
  });

  it('given the same people in another order, when tabulated, then the answer is the same', () => {
    const given = people(13, (i) => ({ time: 10 + i * 6, status: i % 2 ? 'event' : 'censored' }));
    expect(protectedLifeTable(keyed([...given].reverse()), OPTS)).toEqual(protectedLifeTable(keyed(given), OPTS));
  });

  it('given two groups that differ by one person, when differenced, then the difference is never that one person', () => {
    let seen = 0;
    for (let size = 5; size < 60; size++) {
      const base = people(size, (i) => ({ time: 5 + ((i * 11) % 80), status: i % 2 ? 'event' : 'censored' }));
      const plusOne = [...base, { time: 45, status: 'event' as const, key: 0x9e3779b9 + size }];
      const a = protectedLifeTable(keyed(base), OPTS);
      const b = protectedLifeTable(keyed(plusOne), OPTS);
      expect(Math.abs(b.n - a.n) % K).toBe(0);
      b.rows.forEach((row, j) => expect(Math.abs(row.events - a.rows[j].events) % K).toBe(0));
      if (b.n !== a.n) seen += 1;
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('gives follow-ups at each row end, standing for the table', () => {
    const table = protectedLifeTable(keyed(people(10, (i) => ({ time: i < 5 ? 12 : 70, status: 'event' }))), OPTS);
    const standIns = followUpsOf(table);
    expect(standIns).toHaveLength(table.n);
    expect(new Set(standIns.map((f) => f.time))).toEqual(new Set(table.rows.filter((r) => r.events + r.censored + r.competing > 0).map((r) => r.end)));
  });
});
