import { roundByCellKey } from '@rung/stats';
import {
  PARTICIPANT_COUNTS, POOL_COUNTS, type ParticipantCounts, type PoolCounts, type ProgrammeTally, type RowTally, type Tallied,
} from '../programmes/programme-tally';

/**
 * A programme monitoring tally in protected mode (§7.1), as protectTally does for indicators: every
 * count, totals included, rounded to a multiple of k by its own cell key (the sum of the record keys
 * of whom it counts). A kind's counts are cells of their own, not sums of its programmes' cells, so
 * "kind minus the other programmes" gives a multiple of k plus noise. Every figure is then computed
 * from the rounded counts.
 */
export function protectProgrammeTally(tally: ProgrammeTally, k: number): ProgrammeTally {
  const round = (c: Tallied): Tallied => ({ n: roundByCellKey(c.n, c.key, k), key: c.key });
  const participants = (c: ParticipantCounts): ParticipantCounts =>
    Object.fromEntries(PARTICIPANT_COUNTS.map((name) => [name, round(c[name])])) as ParticipantCounts;
  const pool = (c: PoolCounts): PoolCounts => Object.fromEntries(POOL_COUNTS.map((name) => [name, round(c[name])])) as PoolCounts;
  const row = (r: RowTally): RowTally => ({
    byGroup: new Map([...r.byGroup].map(([group, c]) => [group, participants(c)])),
    mentors: pool(r.mentors),
    coaches: pool(r.coaches),
  });
  return {
    inPost: new Map([...tally.inPost].map(([group, c]) => [group, round(c)])),
    kinds: new Map([...tally.kinds].map(([kind, t]) => [kind, {
      kind, all: row(t.all), programmes: new Map([...t.programmes].map(([id, r]) => [id, row(r)])),
    }])),
  };
}
