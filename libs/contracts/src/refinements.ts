import { isUUID } from 'class-validator';
import type { CareerEvent } from './career-event';
import type { FieldError } from './field-error';
import { isGradeScheme, levelOf } from './grade-schemes';

const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2100;

/** Rules that span fields or need the catalogue, checked after every field is individually valid. */
export function refineEvent(event: CareerEvent): FieldError[] {
  return [...checkOccurredAt(event.occurredAt), ...checkData(event)];
}

function checkOccurredAt(value: string): FieldError[] {
  const year = Number(value.slice(0, 4));
  if (year >= EARLIEST_YEAR && year <= LATEST_YEAR && !Number.isNaN(Date.parse(value))) return [];
  return [{ path: 'occurredAt', message: `must be a real date between ${EARLIEST_YEAR} and ${LATEST_YEAR}` }];
}

function checkData(event: CareerEvent): FieldError[] {
  switch (event.type) {
    case 'EmployeeHired':
      return checkGrades(event.data.gradeScheme, { grade: event.data.grade });
    case 'PromotionGranted':
    case 'GradeChanged':
      return checkGrades(event.data.gradeScheme, { fromGrade: event.data.fromGrade, toGrade: event.data.toGrade });
    case 'ApplicationSubmitted':
      return checkGrades(event.data.gradeScheme, { targetGrade: event.data.targetGrade });
    case 'AssessmentRecorded':
      return checkScore(event.data);
    case 'EventRetracted':
      return isUUID(event.data.retractedEventId, 'all')
        ? []
        : [{ path: 'data.retractedEventId', message: 'must be the UUID of an earlier event' }];
    case 'EmployeeLeft':
    case 'DemographicsRecorded':
    case 'ApplicationShortlisted':
    case 'ApplicationOutcome':
    case 'ProgrammeEnrolled':
    case 'ProgrammeCompleted':
    case 'ProgrammeWithdrawn':
    case 'TrainingAccessed':
    case 'DisciplinaryCaseOpened':
      return [];
    default:
      return assertNever(event);
  }
}

function checkGrades(scheme: string, grades: Record<string, string>): FieldError[] {
  if (!isGradeScheme(scheme)) {
    return [{ path: 'data.gradeScheme', message: `'${scheme}' is not a known grade scheme (afc, civil-service, generic)` }];
  }
  return Object.entries(grades)
    .filter(([, grade]) => levelOf(scheme, grade) === undefined)
    .map(([field, grade]) => ({ path: `data.${field}`, message: `'${grade}' is not a grade of scheme '${scheme}'` }));
}

function checkScore(data: { score: number; scaleMin: number; scaleMax: number }): FieldError[] {
  if (data.scaleMin >= data.scaleMax) return [{ path: 'data.scaleMax', message: 'must be greater than scaleMin' }];
  if (data.score < data.scaleMin || data.score > data.scaleMax) {
    return [{ path: 'data.score', message: `must lie between scaleMin and scaleMax (${data.scaleMin}–${data.scaleMax})` }];
  }
  return [];
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
