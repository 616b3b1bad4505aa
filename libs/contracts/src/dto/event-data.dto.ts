import { IsOptional, Max, Min } from 'class-validator';
import { ETHNICITY_CODES } from '../ethnicity';
import {
  AGE_BANDS, APPLICATION_OUTCOMES, APPLICATION_STAGES, ASSESSMENT_INSTRUMENTS, ASSESSMENT_PHASES,
  CASE_KINDS, CONTRACT_TYPES, DISABILITY_VALUES, GRADE_CHANGE_REASONS, LEAVING_REASONS, MIGRANT_GENERATIONS,
  PROGRAMME_KINDS, PROGRAMME_ROLES, PROMOTION_BASES, RETRACTION_REASONS, SEXES, TRAINING_KINDS, TRAINING_OUTCOMES,
  WITHDRAWAL_REASONS,
} from '../vocabulary';
import { Code, FiniteNumber, Flag, OneOf, ReadableCode } from './decorators';

export class EmployeeHiredData {
  @Code() grade!: string;
  @Code() gradeScheme!: string;
  @IsOptional() @ReadableCode() jobFamily?: string;
  @IsOptional() @OneOf(CONTRACT_TYPES) contractType?: string;
  @IsOptional() @FiniteNumber() @Min(0.01, { message: 'must be above 0' }) @Max(1.5, { message: 'must be at most 1.5' })
  fte?: number;
}

export class EmployeeLeftData {
  @OneOf(LEAVING_REASONS) reason!: string;
}

export class DemographicsRecordedData {
  @IsOptional() @OneOf(ETHNICITY_CODES) ethnicity?: string;
  @IsOptional() @OneOf(MIGRANT_GENERATIONS) migrantGeneration?: string;
  @IsOptional() @OneOf(SEXES) sex?: string;
  @IsOptional() @OneOf(AGE_BANDS) ageBand?: string;
  @IsOptional() @OneOf(DISABILITY_VALUES) disability?: string;
}

export class PromotionGrantedData {
  @Code() fromGrade!: string;
  @Code() toGrade!: string;
  @Code() gradeScheme!: string;
  @OneOf(PROMOTION_BASES) basis!: string;
}

export class GradeChangedData {
  @Code() fromGrade!: string;
  @Code() toGrade!: string;
  @Code() gradeScheme!: string;
  @OneOf(GRADE_CHANGE_REASONS) reason!: string;
}

export class ApplicationSubmittedData {
  @Code() applicationId!: string;
  @Code() vacancyRef!: string;
  @Code() targetGrade!: string;
  @Code() gradeScheme!: string;
  @Flag() internal!: boolean;
}

export class ApplicationShortlistedData {
  @Code() applicationId!: string;
}

export class ApplicationOutcomeData {
  @Code() applicationId!: string;
  @OneOf(APPLICATION_OUTCOMES) outcome!: string;
  @IsOptional() @OneOf(APPLICATION_STAGES) stage?: string;
}

export class ProgrammeEnrolledData {
  @ReadableCode() programmeId!: string;
  @OneOf(PROGRAMME_KINDS) programmeKind!: string;
  @OneOf(PROGRAMME_ROLES) role!: string;
  @IsOptional() @Flag() protectedTime?: boolean;
  /** Schema version 2. */
  @IsOptional() @Code() mentorRef?: string;
  /** Schema version 2. */
  @IsOptional() @Code() coachRef?: string;
}

export class ProgrammeCompletedData {
  @ReadableCode() programmeId!: string;
}

export class ProgrammeWithdrawnData {
  @ReadableCode() programmeId!: string;
  @IsOptional() @OneOf(WITHDRAWAL_REASONS) reason?: string;
}

export class TrainingAccessedData {
  @OneOf(TRAINING_KINDS) kind!: string;
  @OneOf(TRAINING_OUTCOMES) outcome!: string;
}

export class DisciplinaryCaseOpenedData {
  @IsOptional() @OneOf(CASE_KINDS) caseKind?: string;
}

export class AssessmentRecordedData {
  @OneOf(ASSESSMENT_INSTRUMENTS) instrument!: string;
  @OneOf(ASSESSMENT_PHASES) phase!: string;
  @FiniteNumber() score!: number;
  @FiniteNumber() scaleMin!: number;
  @FiniteNumber() scaleMax!: number;
}

export class EventRetractedData {
  @Code() retractedEventId!: string;
  @OneOf(RETRACTION_REASONS) reason!: string;
}
