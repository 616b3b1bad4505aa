import { readableCodeProblem, type PseudonymisedEvent } from '@rung/contracts';
import type { ErrorDetail } from '@rung/domain';

/** The readable code fields an organisation may pin to a list of its own (§8). */
export const LISTED_FIELDS = ['jobFamily', 'programmeId', 'source'] as const;
export type ListedField = (typeof LISTED_FIELDS)[number];

/** An organisation's registered codes; a field without a list is checked by shape and patterns only. */
export type CodeLists = Partial<Record<ListedField, string[]>>;

const MAX_CODES = 1000;

/** Checks a `PUT /v1/admin/code-lists/{orgId}` body: each list holds up to 1,000 codes that pass the code rule. */
export function parseCodeLists(raw: unknown): { ok: true; value: CodeLists } | { ok: false; errors: ErrorDetail[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, errors: [{ path: '', message: 'must be a JSON object' }] };
  const errors: ErrorDetail[] = [];
  const value: CodeLists = {};
  for (const [field, list] of Object.entries(raw)) {
    if (!(LISTED_FIELDS as readonly string[]).includes(field)) {
      errors.push({ path: field, message: `is not a field with a code list (${LISTED_FIELDS.join(', ')})` });
      continue;
    }
    if (!Array.isArray(list) || list.length === 0 || list.length > MAX_CODES) {
      errors.push({ path: field, message: `must be a list of 1 to ${MAX_CODES} codes` });
      continue;
    }
    const before = errors.length;
    list.forEach((code, i) => {
      const problem = typeof code === 'string' ? readableCodeProblem(code) : 'must be a string';
      if (problem) errors.push({ path: `${field}[${i}]`, message: problem });
    });
    // Sorted only once every code is known to be a string: sorting objects can throw.
    if (errors.length === before) value[field as ListedField] = [...new Set(list as string[])].sort();
  }
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

/** The fields of an event whose value is not on its organisation's registered list. */
export function unlistedCodes(event: PseudonymisedEvent, lists: CodeLists | undefined): ErrorDetail[] {
  if (!lists) return [];
  const data = event.data as Record<string, unknown>;
  const values: Array<[string, ListedField, unknown]> = [
    ['source', 'source', event.source], ['data.jobFamily', 'jobFamily', data.jobFamily], ['data.programmeId', 'programmeId', data.programmeId],
  ];
  return values
    .filter(([, field, value]) => typeof value === 'string' && lists[field] !== undefined && !lists[field]!.includes(value))
    .map(([path, field]) => ({ path, message: `is not on this organisation's registered list of ${field} codes` }));
}
