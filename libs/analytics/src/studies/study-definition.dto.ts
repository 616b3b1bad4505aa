import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested,
} from 'class-validator';
import { GROUPINGS, type FieldError, type Grouping } from '@rung/contracts';
import { INTERVALS, type IntervalKind } from '../common/intervals';
import { validateDto, type Checked } from '../common/validation';
import { ESTIMATORS, OUTCOME_NAMES, estimatorApplies, type Estimator, type OutcomeName } from '../cohorts/outcomes';
import type { StudyDefinition } from './study-definition';
import { parseAdjust } from './covariates';

export const MAX_HORIZON_MONTHS = 600;

export class StudyArmDto {
  @IsDefined() @IsString({ message: 'must be a string' }) @Length(1, 100, { message: 'must be 1 to 100 characters' })
  name!: string;

  @IsDefined() @IsString({ message: 'must be the id of a cohort' }) @Length(1, 100, { message: 'must be the id of a cohort' })
  cohortId!: string;
}

const MONTHS = `must be a whole number of months from 1 to ${MAX_HORIZON_MONTHS}`;

export class StudyDefinitionDto {
  @IsDefined() @IsString({ message: 'must be a string' }) @Length(1, 200, { message: 'must be 1 to 200 characters' })
  name!: string;

  @IsDefined() @IsArray({ message: 'must be a list of { name, cohortId }' }) @ArrayMinSize(2, { message: 'must have at least two arms' })
  @ArrayMaxSize(10, { message: 'must have at most ten arms' }) @ValidateNested({ each: true }) @Type(() => StudyArmDto)
  arms!: StudyArmDto[];

  @IsDefined() @IsArray({ message: 'must be a list of outcomes' }) @ArrayMinSize(1, { message: 'must name at least one outcome' })
  @ArrayMaxSize(OUTCOME_NAMES.length, { message: `must name at most ${OUTCOME_NAMES.length} outcomes` })
  @IsIn([...OUTCOME_NAMES], { each: true, message: `must be a list of: ${OUTCOME_NAMES.join(', ')}` })
  outcomes!: string[];

  @IsDefined() @IsInt({ message: MONTHS }) @Min(1, { message: MONTHS }) @Max(MAX_HORIZON_MONTHS, { message: MONTHS })
  horizonMonths!: number;

  @IsDefined() @IsIn([...INTERVALS], { message: `must be one of: ${INTERVALS.join(', ')}` })
  interval!: string;

  @IsOptional() @IsString({ message: 'must be the name of one of the arms' })
  referenceArm?: string;

  @IsOptional() @IsArray({ message: 'must be a list of months' }) @ArrayMaxSize(24, { message: 'must have at most 24 checkpoints' })
  @IsInt({ each: true, message: MONTHS }) @Min(1, { each: true, message: MONTHS }) @Max(MAX_HORIZON_MONTHS, { each: true, message: MONTHS })
  checkpointsMonths?: number[];

  @IsOptional() @IsInt({ message: MONTHS }) @Min(1, { message: MONTHS }) @Max(MAX_HORIZON_MONTHS, { message: MONTHS })
  applicationsWithinMonths?: number;

  @IsOptional() @IsIn([...GROUPINGS], { message: `must be one of: ${GROUPINGS.join(', ')}` })
  grouping?: string;
}

/**
 * Outcomes may be named (`"promotion"`) or given with an estimator (`{ "outcome": "promotion",
 * "estimator": "kaplan-meier" }`): the objects become names, and their estimators are checked here.
 */
function splitOutcomes(raw: unknown): { raw: unknown; estimators: Partial<Record<OutcomeName, Estimator>>; errors: FieldError[] } {
  const estimators: Partial<Record<OutcomeName, Estimator>> = {};
  const errors: FieldError[] = [];
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as { outcomes?: unknown }).outcomes)) return { raw, estimators, errors };
  const outcomes = (raw as { outcomes: unknown[] }).outcomes.map((entry, i) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return entry;
    const { outcome, estimator, ...rest } = entry as Record<string, unknown>;
    const path = `outcomes[${i}]`;
    for (const key of Object.keys(rest)) errors.push({ path: `${path}.${key}`, message: 'is not a field of an outcome; use { outcome, estimator }' });
    if (typeof outcome !== 'string') {
      // Only a name can be an outcome: an object here would be checked as if its keys were fields.
      errors.push({ path: `${path}.outcome`, message: `must be one of: ${OUTCOME_NAMES.join(', ')}` });
      return null;
    }
    if (estimator !== undefined && !(ESTIMATORS as readonly unknown[]).includes(estimator)) {
      errors.push({ path: `${path}.estimator`, message: `must be one of: ${ESTIMATORS.join(', ')}` });
    } else if ((OUTCOME_NAMES as readonly string[]).includes(outcome) && estimator !== undefined) {
      if (!estimatorApplies(outcome as OutcomeName, estimator as Estimator)) {
        errors.push({ path: `${path}.estimator`, message: 'aalen-johansen needs a competing event; exit has none, use kaplan-meier' });
      }
      estimators[outcome as OutcomeName] = estimator as Estimator;
    }
    return outcome;
  });
  return { raw: { ...raw, outcomes }, estimators, errors };
}

/** Arms that are not objects: class-transformer turns an arm given as a list into an empty object that nothing checks. */
function armShapeErrors(raw: unknown): FieldError[] {
  const arms = typeof raw === 'object' && raw !== null ? (raw as { arms?: unknown }).arms : undefined;
  if (!Array.isArray(arms)) return [];
  return arms.flatMap((arm, i) => (Array.isArray(arm) ? [{ path: `arms[${i}]`, message: 'must be an object { name, cohortId }' }] : []));
}

/** Validates a study definition; whether its cohorts exist is the handler's to check. */
export function validateStudyDefinition(input: unknown): Checked<StudyDefinition> {
  const { adjust: rawAdjust, rest } = withoutAdjust(input);
  const split = splitOutcomes(rest);
  const adjust = parseAdjust(rawAdjust);
  const early = [...split.errors, ...armShapeErrors(rest), ...adjust.errors];
  const checked = validateDto(StudyDefinitionDto, split.raw);
  if (!checked.ok) return early.length ? { ok: false, errors: [...early, ...checked.errors] } : checked;
  const dto = checked.value;
  const errors: FieldError[] = early;
  if (dto.referenceArm !== undefined && !dto.arms.some((a) => a.name === dto.referenceArm)) {
    errors.push({ path: 'referenceArm', message: 'must be the name of one of the arms' });
  }
  dto.arms.forEach((arm, i) => {
    if (dto.arms.findIndex((a) => a.name === arm.name) !== i) errors.push({ path: `arms[${i}].name`, message: 'must be unique within the study' });
  });
  dto.outcomes.forEach((o, i) => {
    if (dto.outcomes.indexOf(o) !== i) errors.push({ path: `outcomes[${i}]`, message: 'is listed twice' });
  });
  (dto.checkpointsMonths ?? []).forEach((m, i) => {
    if (m > dto.horizonMonths) errors.push({ path: `checkpointsMonths[${i}]`, message: 'must not be beyond horizonMonths' });
  });
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name: dto.name,
      arms: dto.arms.map((a) => ({ name: a.name, cohortId: a.cohortId })),
      outcomes: dto.outcomes as OutcomeName[],
      horizonMonths: dto.horizonMonths,
      interval: dto.interval as IntervalKind,
      checkpointsMonths: [...new Set(dto.checkpointsMonths ?? [])].sort((a, b) => a - b),
      ...(Object.keys(split.estimators).length ? { estimators: split.estimators } : {}),
      ...(dto.referenceArm !== undefined ? { referenceArm: dto.referenceArm } : {}),
      ...(adjust.terms.length ? { adjust: adjust.terms } : {}),
      ...(dto.applicationsWithinMonths !== undefined ? { applicationsWithinMonths: dto.applicationsWithinMonths } : {}),
      ...(dto.grouping !== undefined ? { grouping: dto.grouping as Grouping } : {}),
    },
  };
}

/** `adjust` mixes names and objects, which class-validator cannot check as one list: it is parsed apart. */
function withoutAdjust(input: unknown): { adjust: unknown; rest: unknown } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { adjust: undefined, rest: input };
  const { adjust, ...rest } = input as Record<string, unknown>;
  return { adjust, rest };
}
