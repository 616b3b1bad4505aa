import { LEVELS, type Level } from '@rung/contracts';
import { addRecordKey, roundByCellKey } from '@rung/stats';
import { COUNT_NAMES, type GroupTally, type PeriodTally } from '../indicators/indicator-tally';

/** Person-years are rounded to whole years: enough to hide when within a period one person came or went. */
const PERSON_YEARS_BASE = 1;

/**
 * An indicator tally in protected mode (§7.1): every count rounded to a multiple of k by its cell
 * key, person-years rounded to whole years by the key of the people they were counted over, and the
 * representation totals rounded as cells of their own. Every indicator is then computed from it.
 */
export function protectTally(tally: PeriodTally, k: number): PeriodTally {
  const byGroup = new Map<string, GroupTally>();
  for (const [group, g] of tally.byGroup) byGroup.set(group, protectGroup(g, k));
  const representation = new Map<Level, Map<string, number>>();
  const byLevel = new Map<Level, number>();
  const groupTotals = new Map<string, { n: number; key: number }>();
  const all = { n: 0, key: 0 };
  for (const level of LEVELS) {
    const counts = tally.representation.get(level);
    if (!counts) continue;
    const keys = tally.representationKeys.get(level) ?? new Map<string, number>();
    const row = new Map<string, number>();
    const levelTotal = { n: 0, key: 0 };
    for (const [group, n] of counts) {
      const key = keys.get(group) ?? 0;
      row.set(group, roundByCellKey(n, key, k));
      for (const total of [levelTotal, all, groupTotals.get(group) ?? setNew(groupTotals, group)]) {
        total.n += n;
        total.key = addRecordKey(total.key, key);
      }
    }
    representation.set(level, row);
    byLevel.set(level, roundByCellKey(levelTotal.n, levelTotal.key, k));
  }
  const byGroupTotal = new Map([...groupTotals].map(([group, t]) => [group, roundByCellKey(t.n, t.key, k)]));
  return {
    period: tally.period, byGroup, representation, representationKeys: new Map(),
    representationTotals: { byLevel, byGroup: byGroupTotal, all: roundByCellKey(all.n, all.key, k) },
  };
}

function protectGroup(g: GroupTally, k: number): GroupTally {
  const out: GroupTally = { ...g, keys: { ...g.keys } };
  for (const name of COUNT_NAMES) out[name] = roundByCellKey(g[name], g.keys[name], k);
  out.personYears = roundByCellKey(g.personYears, g.keys.workforce, PERSON_YEARS_BASE);
  out.rungPersonYears = roundByCellKey(g.rungPersonYears, g.keys.rungHeadcount, PERSON_YEARS_BASE);
  return out;
}

function setNew(map: Map<string, { n: number; key: number }>, group: string): { n: number; key: number } {
  const total = { n: 0, key: 0 };
  map.set(group, total);
  return total;
}
