import { EXAMPLE_DATA, exampleEvent } from './examples';
import { validateCareerEvent } from '../validate-career-event';
import type { FieldError } from '../field-error';

/** An event the boundary refuses, shown in docs/events.md with the answer Rung gives to it. */
export interface RefusalExample {
  sent: string;
  event: Record<string, unknown>;
}

function withData(type: keyof typeof EXAMPLE_DATA, data: Record<string, unknown>): Record<string, unknown> {
  return exampleEvent(type, { ...(EXAMPLE_DATA[type] as Record<string, unknown>), ...data });
}

export const REFUSAL_EXAMPLES: readonly RefusalExample[] = [
  { sent: 'a field named after a direct identifier', event: withData('EmployeeLeft', { name: 'Jo Bloggs' }) },
  { sent: 'such a field anywhere, in any spelling', event: { ...exampleEvent('EmployeeLeft'), Date_Of_Birth: '1980-01-01' } },
  { sent: 'an e-mail address, in any string', event: { ...exampleEvent('EmployeeLeft'), subjectRef: 'jo.bloggs@example.org' } },
  { sent: 'a National Insurance number, in any string', event: { ...exampleEvent('EmployeeLeft'), subjectRef: 'QQ123456C' } },
  { sent: 'free text', event: withData('EmployeeHired', { jobFamily: 'band 5 nurse on ward 7' }) },
  { sent: 'a readable code that looks like a date', event: withData('ProgrammeCompleted', { programmeId: 'cohort-2024-03-01' }) },
  { sent: 'a readable code that looks like a phone number', event: { ...exampleEvent('EmployeeLeft'), source: '07700900123' } },
  { sent: 'a readable code that looks like a postcode', event: withData('EmployeeHired', { jobFamily: 'ls1-4ap' }) },
  { sent: 'a readable code that looks like a name', event: withData('EmployeeHired', { jobFamily: 'JoBloggs' }) },
  { sent: 'a readable code with a long number', event: { ...exampleEvent('EmployeeLeft'), source: 'esr-123456' } },
  { sent: 'a readable code that is not lower case', event: withData('EmployeeHired', { jobFamily: 'Nursing' }) },
  { sent: 'a reference that is not a short code', event: { ...exampleEvent('EmployeeLeft'), subjectRef: '#42' } },
  { sent: 'a field the type does not have', event: withData('EmployeeLeft', { notes: 'x' }) },
  { sent: 'an unknown event type', event: { ...exampleEvent('EmployeeLeft'), type: 'EmployeeFired' } },
  { sent: 'a value outside its code list', event: withData('EmployeeLeft', { reason: 'resigned' }) },
  { sent: 'an unknown grade scheme', event: withData('EmployeeHired', { gradeScheme: 'nhs-bands' }) },
  { sent: 'a grade its scheme does not have', event: withData('EmployeeHired', { grade: '10' }) },
  { sent: 'a retraction that names no event id', event: withData('EventRetracted', { retractedEventId: 'E123456' }) },
  { sent: 'a score outside its scale', event: withData('AssessmentRecorded', { score: 7 }) },
  { sent: 'a date out of range', event: { ...exampleEvent('EmployeeLeft'), occurredAt: '1899-12-31' } },
  { sent: 'a schema version Rung does not know yet', event: { ...exampleEvent('EmployeeLeft'), schemaVersion: 99 } },
];

/** The first error Rung gives for the example; throws when the example is accepted, so the docs cannot claim a refusal that is not one. */
export function refusalOf(example: RefusalExample): FieldError {
  const result = validateCareerEvent(example.event);
  if (result.ok) throw new Error(`refusal example '${example.sent}' is accepted by validateCareerEvent`);
  return result.errors[0];
}
