import { AGE_BANDS, GROUPINGS, SEXES, type FieldError, type Grouping } from '@rung/contracts';
import { groupOf } from '@rung/domain';
import { dayOf } from '../common/days';
import type { CohortMember } from '../cohorts/cohort-membership';
import { GROUPS_BY_GROUPING } from '../cohorts/cohort-definition.dto';

/** What a study may adjust for (§12): each is a category of the member at time zero. */
export type AdjustTerm = 'levelAtEntry' | 'tenureBand' | 'sex' | 'ageBand' | { grouping: Grouping };

export const ADJUST_NAMES = ['levelAtEntry', 'tenureBand', 'sex', 'ageBand'] as const;

/** Years in post at time zero, counted from the first hire. */
export const TENURE_BANDS = ['under-1', '1-3', '3-5', '5-10', '10-plus'] as const;
const TENURE_EDGES_YEARS = [1, 3, 5, 10];
const LEVELS = ['1', '2', '3', '4', '5', '6', '7'] as const;

export function termName(term: AdjustTerm): string {
  return typeof term === 'string' ? term : `grouping:${term.grouping}`;
}

/** The categories of a term, in the order their codes count from 1; the first present is the reference. */
export function levelsOf(term: AdjustTerm): readonly string[] {
  if (typeof term !== 'string') return GROUPS_BY_GROUPING[term.grouping];
  switch (term) {
    case 'levelAtEntry':
      return LEVELS;
    case 'tenureBand':
      return TENURE_BANDS;
    case 'sex':
      return SEXES;
    case 'ageBand':
      return AGE_BANDS;
    default: {
      const unexpected: never = term;
      throw new Error(`unknown term ${String(unexpected)}`);
    }
  }
}

/** The member's category of a term as a code: 1 + its index in `levelsOf`, or 0 when unknown. */
export function codeOf(term: AdjustTerm, member: CohortMember): number {
  const label = labelOf(term, member);
  return label === undefined ? 0 : levelsOf(term).indexOf(label) + 1;
}

function labelOf(term: AdjustTerm, member: CohortMember): string | undefined {
  const d = member.timeline.demographics;
  if (typeof term !== 'string') return groupOf(term.grouping, d);
  switch (term) {
    case 'levelAtEntry':
      return member.levelAtEntry === null ? undefined : String(member.levelAtEntry);
    case 'tenureBand':
      return tenureBandOf(member);
    case 'sex':
      return d.sex;
    case 'ageBand':
      return d.ageBand;
    default: {
      const unexpected: never = term;
      throw new Error(`unknown term ${String(unexpected)}`);
    }
  }
}

function tenureBandOf(member: CohortMember): string | undefined {
  const hires = member.timeline.spells.flatMap((s) => (s.hiredAt === null ? [] : [dayOf(s.hiredAt)])).filter((d) => d <= member.timeZero);
  if (!hires.length) return undefined;
  const years = (member.timeZero - Math.min(...hires)) / 365.25;
  const band = TENURE_EDGES_YEARS.findIndex((edge) => years < edge);
  return TENURE_BANDS[band === -1 ? TENURE_BANDS.length - 1 : band];
}

/** `adjust: ["levelAtEntry", "tenureBand", { "grouping": "wres" }, "sex", "ageBand"]`, each at most once. */
export function parseAdjust(raw: unknown): { terms: AdjustTerm[]; errors: FieldError[] } {
  if (raw === undefined) return { terms: [], errors: [] };
  if (!Array.isArray(raw)) return { terms: [], errors: [{ path: 'adjust', message: 'must be a list of terms' }] };
  const terms: AdjustTerm[] = [];
  const errors: FieldError[] = [];
  raw.forEach((entry, i) => {
    const term = termOf(entry);
    if (!term) errors.push({ path: `adjust[${i}]`, message: `must be one of: ${ADJUST_NAMES.join(', ')}, or { "grouping": one of ${GROUPINGS.join(', ')} }` });
    else if (terms.some((t) => termName(t) === termName(term))) errors.push({ path: `adjust[${i}]`, message: 'is listed twice' });
    else terms.push(term);
  });
  return { terms, errors };
}

function termOf(entry: unknown): AdjustTerm | undefined {
  if (typeof entry === 'string') return (ADJUST_NAMES as readonly string[]).includes(entry) ? (entry as AdjustTerm) : undefined;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
  const keys = Object.keys(entry);
  const grouping = (entry as { grouping?: unknown }).grouping;
  return keys.length === 1 && (GROUPINGS as readonly unknown[]).includes(grouping) ? { grouping: grouping as Grouping } : undefined;
}
