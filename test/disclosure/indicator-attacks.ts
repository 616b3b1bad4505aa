/**
 * The audit's attacks on indicators (representation tables, headcounts, short and shifted periods), as
 * pure functions: answers in, claims out, for `disclosures` in truth.ts to judge.
 */
import type { Grouping } from '@rung/contracts';
import { addDays } from '@rung/testing';
import type { IndicatorsAnswer } from './rung';
import type { Claim } from './truth';
import { ATOMS, ATOMS_OF, type Atom } from './world';

const maskOf = (atoms: readonly Atom[]): number => atoms.reduce((m, a) => m | (1 << ATOMS.indexOf(a)), 0);
const atomsOf = (mask: number): Atom[] => ATOMS.filter((_, i) => mask & (1 << i));
const everyone = (grouping: Grouping): number => maskOf(Object.values(ATOMS_OF[grouping]).flat());

/**
 * Attacks 3 and 5: every shown group total (and the grand total) is an equation "these people number
 * v". Subtracting one equation from another that contains it, and adding disjoint ones, until nothing
 * new comes, solves whatever the answers pin down. With `headcounts`, the leaving-rate headcounts are
 * taken as the same people (true when nobody joined or left in the period).
 */
export function groupTotals(answers: readonly IndicatorsAnswer[], opts: { headcounts: boolean }, attack: string): Claim[] {
  const claims: Claim[] = [];
  const byDay = new Map<string, IndicatorsAnswer[]>();
  for (const a of answers) byDay.set(`${a.orgId}|${a.representation.at}`, [...(byDay.get(`${a.orgId}|${a.representation.at}`) ?? []), a]);
  for (const group of byDay.values()) {
    const known = new Map<number, number>();
    for (const a of group) {
      const groups = ATOMS_OF[a.grouping];
      for (const { group: g, count } of a.representation.totals) if (count !== null && groups[g]) known.set(maskOf(groups[g]), count);
      if (a.representation.total !== null) known.set(everyone(a.grouping), a.representation.total);
      if (opts.headcounts) for (const r of a.leavingRate) if (r.headcount !== null && groups[r.group] && !known.has(maskOf(groups[r.group]))) known.set(maskOf(groups[r.group]), r.headcount);
    }
    const published = new Set(known.keys());
    for (let grew = true; grew;) {
      grew = false;
      for (const [m1, v1] of [...known]) {
        for (const [m2, v2] of [...known]) {
          const derived: Array<[number, number]> = [];
          if (m1 !== m2 && (m1 & ~m2) === 0) derived.push([m2 & ~m1, v2 - v1]);
          if ((m1 & m2) === 0) derived.push([m1 | m2, v1 + v2]);
          for (const [m, v] of derived) {
            if (m !== 0 && !known.has(m)) {
              known.set(m, v);
              grew = true;
            }
          }
        }
      }
    }
    const [{ orgId, representation }] = group;
    for (const [mask, value] of known) {
      if (!published.has(mask)) claims.push({ kind: 'count', attack, about: { q: 'in-post', orgId, on: representation.at, atoms: atomsOf(mask) }, value });
    }
  }
  return claims;
}

/* ------------------------------------------------------------------ periods */

/**
 * Attack 6: indicators over short windows. A group's disciplinary count that is not 0 (shown or
 * withheld) says someone in it had a case opened within the period the answer says it covers.
 */
export function windowsWithCases(answers: readonly IndicatorsAnswer[]): Claim[] {
  const seen = new Map<string, Claim>();
  for (const a of answers) {
    for (const rl of a.relativeLikelihoods.filter((r) => r.indicator === 'entering-disciplinary')) {
      for (const side of [rl.numerator, rl.denominator]) {
        const atoms = ATOMS_OF[a.grouping][side.group];
        if (side.successes === 0 || !atoms) continue;
        const claim: Claim = { kind: 'date', attack: 'short windows', about: { q: 'case-days', orgId: a.orgId, atoms }, from: a.from, to: a.to };
        seen.set(JSON.stringify(claim), claim);
      }
    }
  }
  return [...seen.values()];
}

/**
 * Periods that differ by their last days: what one counts and the other does not happened on those
 * days (leavings, promotions, and new headcount, which is mostly hires).
 */
export function periodDifference(longer: IndicatorsAnswer, shorter: IndicatorsAnswer): Claim[] {
  if (longer.from !== shorter.from || longer.to <= shorter.to) return [];
  const days = { from: addDays(shorter.to, 1), to: longer.to };
  const tallies = [['leavingRate', 'events', 'leavings', 'leaving-days'], ['promotionRate', 'events', 'promotions', 'promotion-days'], ['leavingRate', 'headcount', 'hires', 'hire-days']] as const;
  return tallies.flatMap(([table, field, counted, dated]) =>
    longer[table].flatMap((row): Claim[] => {
      const atoms = ATOMS_OF[longer.grouping][row.group];
      const other = shorter[table].find((r) => r.group === row.group);
      if (!atoms || row[field] === null || !other || other[field] === null) return [];
      const value = row[field]! - other[field]!;
      const count: Claim = { kind: 'count', attack: 'period differencing', about: { q: counted, orgId: longer.orgId, ...days, atoms }, value };
      return value > 0 ? [count, { kind: 'date', attack: 'period differencing', about: { q: dated, orgId: longer.orgId, atoms }, ...days }] : [count];
    }),
  );
}
