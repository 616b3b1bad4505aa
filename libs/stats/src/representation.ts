import { assertCount } from './validation';

export type RepresentationCount = { readonly level: number; readonly group: string; readonly count: number };

export type GroupShare = {
  readonly group: string;
  readonly count: number;
  /** count / level total; null when the level has nobody in it. */
  readonly share: number | null;
};

export type LevelRepresentation = { readonly level: number; readonly total: number; readonly groups: readonly GroupShare[] };

/**
 * Share of each group at each level. Levels come out in ascending order;
 * every group seen anywhere is listed at every level (count 0 where absent),
 * in order of first appearance. Repeated (level, group) entries are summed.
 */
export function representation(counts: readonly RepresentationCount[]): LevelRepresentation[] {
  const groups = [...new Set(counts.map((c) => c.group))];
  const byLevel = new Map<number, Map<string, number>>();
  for (const { level, group, count } of counts) {
    if (!Number.isFinite(level)) throw new RangeError(`level must be a finite number, got ${level}`);
    assertCount(`count for level ${level}, group ${group}`, count);
    const row = byLevel.get(level) ?? new Map<string, number>();
    row.set(group, (row.get(group) ?? 0) + count);
    byLevel.set(level, row);
  }
  return [...byLevel.keys()]
    .sort((a, b) => a - b)
    .map((level) => levelShares(level, byLevel.get(level) ?? new Map<string, number>(), groups));
}

function levelShares(level: number, row: ReadonlyMap<string, number>, groups: readonly string[]): LevelRepresentation {
  const total = groups.reduce((sum, g) => sum + (row.get(g) ?? 0), 0);
  return {
    level,
    total,
    groups: groups.map((group) => {
      const count = row.get(group) ?? 0;
      return { group, count, share: total === 0 ? null : count / total };
    }),
  };
}
