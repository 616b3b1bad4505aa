import type { Study, StudyDefinition } from './study-definition';

export interface StudyResource extends StudyDefinition {
  id: string;
  definedAt: string;
}

export function studyResource(s: Study): StudyResource {
  return { id: s.id, definedAt: s.definedAt, ...s.definition };
}
