import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min,
  ValidateNested,
} from 'class-validator';
import {
  AGE_BANDS, DISABILITY_VALUES, ETHNICITY_CODES, GROUPINGS, MIGRANT_GENERATIONS, ONS5_GROUPS, ORG_ID, PROGRAMME_KINDS, PROGRAMME_ROLES,
  SEXES, SHORT_CODE, SHORT_CODE_MESSAGE, type FieldError, type Grouping, type Level,
} from '@rung/contracts';
import { isIsoDate } from '../common/days';
import { DATE_MESSAGE, IsRealDate, validateDto, type Checked } from '../common/validation';
import {
  ENTRY_KINDS, type CohortDefinition, type CohortEntry, type CohortExclusion, type CohortFilter, type EntryKind, type ProgrammeFilter,
} from './cohort-definition';

const oneOf = (values: readonly (string | number)[], each = false) =>
  IsIn([...values], { each, message: `must be ${each ? 'a list of' : 'one of'}: ${values.join(', ')}` });

/** The groups each grouping can select (§4). */
export const GROUPS_BY_GROUPING: Record<Grouping, readonly string[]> = {
  ons5: [...ONS5_GROUPS, 'unknown'],
  wres: ['white', 'bme'],
  'white-british': ['white-british', 'ethnic-minority'],
  migrant: MIGRANT_GENERATIONS,
};

/** Which programme enrolments count, in an entry or an exclusion. */
export class ProgrammeFilterDto {
  @IsOptional() @oneOf(PROGRAMME_KINDS)
  programmeKind?: string;

  @IsOptional() @IsString({ message: 'must be a string' }) @Matches(SHORT_CODE, { message: SHORT_CODE_MESSAGE })
  programmeId?: string;

  @IsOptional() @oneOf(PROGRAMME_ROLES)
  role?: string;
}

export class CohortEntryDto extends ProgrammeFilterDto {
  @oneOf(ENTRY_KINDS)
  on!: string;

  @IsOptional() @IsArray({ message: 'must be [from, to]' }) @ArrayMinSize(2, { message: 'must be [from, to]' })
  @ArrayMaxSize(2, { message: 'must be [from, to]' }) @IsRealDate({ each: true })
  between?: string[];

  @IsOptional() @IsRealDate()
  at?: string;
}

export class CohortExclusionDto extends ProgrammeFilterDto {
  @IsOptional() @IsBoolean({ message: 'must be true or false' })
  censorAtEnrolment?: boolean;
}

export class LevelRangeDto {
  @IsOptional() @IsInt({ message: 'must be a whole number from 1 to 7' }) @Min(1, { message: 'must be a whole number from 1 to 7' })
  @Max(7, { message: 'must be a whole number from 1 to 7' })
  min?: number;

  @IsOptional() @IsInt({ message: 'must be a whole number from 1 to 7' }) @Min(1, { message: 'must be a whole number from 1 to 7' })
  @Max(7, { message: 'must be a whole number from 1 to 7' })
  max?: number;
}

export class CohortFilterDto {
  @IsOptional() @oneOf(GROUPINGS)
  grouping?: string;

  @IsOptional() @IsArray({ message: 'must be a list of groups' }) @ArrayMinSize(1, { message: 'must name at least one group' })
  @IsString({ each: true, message: 'must be a list of groups' })
  groups?: string[];

  @IsOptional() @IsObject({ message: 'must be an object { min, max }' }) @ValidateNested() @Type(() => LevelRangeDto)
  levelAtEntry?: LevelRangeDto;

  @IsOptional() @IsArray({ message: 'must be a list' }) @ArrayMinSize(1, { message: 'must not be empty' }) @oneOf(ETHNICITY_CODES, true)
  ethnicity?: string[];

  @IsOptional() @IsArray({ message: 'must be a list' }) @ArrayMinSize(1, { message: 'must not be empty' }) @oneOf(MIGRANT_GENERATIONS, true)
  migrantGeneration?: string[];

  @IsOptional() @IsArray({ message: 'must be a list' }) @ArrayMinSize(1, { message: 'must not be empty' }) @oneOf(SEXES, true)
  sex?: string[];

  @IsOptional() @IsArray({ message: 'must be a list' }) @ArrayMinSize(1, { message: 'must not be empty' }) @oneOf(AGE_BANDS, true)
  ageBand?: string[];

  @IsOptional() @IsArray({ message: 'must be a list' }) @ArrayMinSize(1, { message: 'must not be empty' }) @oneOf(DISABILITY_VALUES, true)
  disability?: string[];
}

export class CohortDefinitionDto {
  @IsDefined() @IsString({ message: 'must be a string' }) @Length(1, 200, { message: 'must be 1 to 200 characters' })
  name!: string;

  @IsDefined() @IsArray({ message: 'must be a list of organisation ids' }) @ArrayMinSize(1, { message: 'must name at least one organisation' })
  @ArrayMaxSize(100, { message: 'must name at most 100 organisations' })
  @Matches(ORG_ID, { each: true, message: 'must be a list of organisation ids (lower-case slugs)' })
  orgIds!: string[];

  @IsDefined() @IsObject({ message: 'must be an object' }) @ValidateNested() @Type(() => CohortEntryDto)
  entry!: CohortEntryDto;

  @IsOptional() @IsObject({ message: 'must be an object' }) @ValidateNested() @Type(() => CohortFilterDto)
  where?: CohortFilterDto;

  @IsOptional() @IsObject({ message: 'must be an object { programmeKind?, programmeId?, role?, censorAtEnrolment? }' }) @ValidateNested()
  @Type(() => CohortExclusionDto)
  exclude?: CohortExclusionDto;
}

/** Validates a cohort definition of §7a: every field, then the rules that span fields. */
export function validateCohortDefinition(raw: unknown): Checked<CohortDefinition> {
  const checked = validateDto(CohortDefinitionDto, raw);
  if (!checked.ok) return checked;
  const dto = checked.value;
  const errors = [...entryErrors(dto.entry), ...filterErrors(dto.where)];
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: toDefinition(dto) };
}

function entryErrors(entry: CohortEntryDto): FieldError[] {
  const errors: FieldError[] = [];
  const programmeOnly = ['programmeKind', 'programmeId', 'role'] as const;
  if (entry.on !== 'ProgrammeEnrolled') {
    for (const field of programmeOnly) {
      if (entry[field] !== undefined) errors.push({ path: `entry.${field}`, message: 'applies only to entry.on ProgrammeEnrolled' });
    }
  }
  if (entry.on === 'employed') {
    if (entry.at === undefined) errors.push({ path: 'entry.at', message: 'is required when entry.on is employed' });
    else if (!isIsoDate(entry.at)) errors.push({ path: 'entry.at', message: DATE_MESSAGE });
    if (entry.between !== undefined) errors.push({ path: 'entry.between', message: 'does not apply when entry.on is employed; use entry.at' });
    return errors;
  }
  if (entry.at !== undefined) errors.push({ path: 'entry.at', message: 'applies only when entry.on is employed; use entry.between' });
  if (entry.between === undefined) errors.push({ path: 'entry.between', message: 'is required: [from, to], the window of entry dates' });
  else if (!entry.between.every(isIsoDate)) errors.push({ path: 'entry.between', message: DATE_MESSAGE });
  else if (entry.between[0] > entry.between[1]) errors.push({ path: 'entry.between', message: 'must be [from, to] with from on or before to' });
  return errors;
}

/** IsOptional lets null through as absent, so the checks below read null as absent too. */
function absent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

function filterErrors(where: CohortFilterDto | undefined): FieldError[] {
  if (!where) return [];
  const errors: FieldError[] = [];
  if (!absent(where.groups) && absent(where.grouping)) {
    errors.push({ path: 'where.grouping', message: 'is required when where.groups is given' });
  }
  if (!absent(where.grouping) && absent(where.groups)) {
    errors.push({ path: 'where.groups', message: 'is required when where.grouping is given' });
  }
  if (!absent(where.grouping) && !absent(where.groups)) {
    const valid = GROUPS_BY_GROUPING[where.grouping as Grouping];
    where.groups.forEach((g, i) => {
      if (!valid.includes(g)) errors.push({ path: `where.groups[${i}]`, message: `is not a group of ${where.grouping}; use one of: ${valid.join(', ')}` });
    });
  }
  const range = where.levelAtEntry;
  if (range && range.min !== undefined && range.max !== undefined && range.min > range.max) {
    errors.push({ path: 'where.levelAtEntry', message: 'min must not be above max' });
  }
  return errors;
}

function toDefinition(dto: CohortDefinitionDto): CohortDefinition {
  const definition: CohortDefinition = { name: dto.name, orgIds: [...new Set(dto.orgIds)].sort(), entry: toEntry(dto.entry), where: toFilter(dto.where) };
  if (dto.exclude) definition.exclude = toExclusion(dto.exclude);
  return definition;
}

function programmeFilter(p: { programmeKind?: string; programmeId?: string; role?: string }): ProgrammeFilter {
  return {
    ...(p.programmeKind !== undefined ? { programmeKind: p.programmeKind as never } : {}),
    ...(p.programmeId !== undefined ? { programmeId: p.programmeId } : {}),
    ...(p.role !== undefined ? { role: p.role as never } : {}),
  };
}

function toExclusion(e: CohortExclusionDto): CohortExclusion {
  return { ...programmeFilter(e), ...(e.censorAtEnrolment ? { censorAtEnrolment: true } : {}) };
}

function toEntry(e: CohortEntryDto): CohortEntry {
  const on = e.on as EntryKind;
  switch (on) {
    case 'ProgrammeEnrolled':
      return { on: 'ProgrammeEnrolled', ...programmeFilter(e), between: [e.between![0], e.between![1]] };
    case 'EmployeeHired':
      return { on: 'EmployeeHired', between: [e.between![0], e.between![1]] };
    case 'employed':
      return { on: 'employed', at: e.at! };
    default: {
      const unexpected: never = on;
      throw new Error(`unknown entry ${String(unexpected)}`);
    }
  }
}

function toFilter(w: CohortFilterDto | undefined): CohortFilter {
  if (!w) return {};
  const filter: CohortFilter = {};
  if (!absent(w.grouping) && !absent(w.groups)) {
    filter.grouping = w.grouping as Grouping;
    filter.groups = [...new Set(w.groups)];
  }
  if (w.levelAtEntry && (w.levelAtEntry.min !== undefined || w.levelAtEntry.max !== undefined)) {
    filter.levelAtEntry = {
      ...(w.levelAtEntry.min !== undefined ? { min: w.levelAtEntry.min as Level } : {}),
      ...(w.levelAtEntry.max !== undefined ? { max: w.levelAtEntry.max as Level } : {}),
    };
  }
  if (w.ethnicity) filter.ethnicity = [...new Set(w.ethnicity)] as CohortFilter['ethnicity'];
  if (w.migrantGeneration) filter.migrantGeneration = [...new Set(w.migrantGeneration)] as CohortFilter['migrantGeneration'];
  if (w.sex) filter.sex = [...new Set(w.sex)] as CohortFilter['sex'];
  if (w.ageBand) filter.ageBand = [...new Set(w.ageBand)] as CohortFilter['ageBand'];
  if (w.disability) filter.disability = [...new Set(w.disability)] as CohortFilter['disability'];
  return filter;
}
