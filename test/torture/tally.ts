export interface Tally {
  acknowledged: number;
  present: number;
  lost: number;
  doubled: number;
}

/** Every acknowledged event must be stored exactly once; nothing is stored twice. */
export function tally(acknowledged: ReadonlySet<string>, stored: ReadonlyMap<string, number>): Tally {
  let present = 0;
  for (const id of acknowledged) if (stored.has(id)) present += 1;
  const doubled = [...stored.values()].filter((n) => n > 1).length;
  return { acknowledged: acknowledged.size, present, lost: acknowledged.size - present, doubled };
}
