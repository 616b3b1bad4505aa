import type { Cohort, CohortDefinition } from './cohort-definition';

/** How a stored cohort is shown in the API. */
export interface CohortResource {
  id: string;
  name: string;
  definedAt: string;
  definition: CohortDefinition;
}

export function cohortResource(c: Cohort): CohortResource {
  return { id: c.id, name: c.definition.name, definedAt: c.definedAt, definition: c.definition };
}
