import type { SubjectTimeline } from '../subject-timeline/subject-timeline';

/**
 * Retention (UK GDPR storage limitation): a subject is due for erasure once every spell of theirs has
 * ended and more than `years` calendar years have passed since the last exit, as of `today` (YYYY-MM-DD).
 */
export function dueForErasure(timeline: Pick<SubjectTimeline, 'spells'>, today: string, years: number): boolean {
  const { spells } = timeline;
  if (!spells.length || spells.some((s) => s.leftAt === null)) return false;
  const lastExit = spells.map((s) => (s.leftAt as string).slice(0, 10)).sort().at(-1) as string;
  return yearsAfter(lastExit, years) < today;
}

/** The same month and day, `years` later; compared as text, 29 February of a common year falls between the 28th and 1 March. */
function yearsAfter(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years;
  return `${String(year).padStart(4, '0')}${date.slice(4)}`;
}
