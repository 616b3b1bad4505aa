import type {
  AgeBand, ApplicationOutcomeKind, ApplicationStage, AssessmentInstrument, AssessmentPhase, ContractType,
  Disability, EthnicityCode, GradeChangeReason, LeavingReason, Level, MigrantGeneration, ProgrammeKind,
  ProgrammeRole, PromotionBasis, Sex, TrainingKind, TrainingOutcome,
} from '@rung/contracts';

export interface Spell {
  hiredAt: string | null;
  leftAt: string | null;
  leavingReason: LeavingReason | null;
  contractType?: ContractType;
  jobFamily?: string;
  fte?: number;
}

export type GradeChangeKind = 'hire' | 'promotion' | 'grade-change';

export interface GradePeriod {
  from: string;
  grade: string;
  gradeScheme: string;
  level: Level;
  change: GradeChangeKind;
  basis?: PromotionBasis;
  reason?: GradeChangeReason;
}

export interface Promotion {
  at: string;
  fromGrade: string;
  toGrade: string;
  gradeScheme: string;
  fromLevel: Level;
  toLevel: Level;
  basis: PromotionBasis;
}

export interface Application {
  applicationId: string;
  vacancyRef: string | null;
  targetGrade: string | null;
  gradeScheme: string | null;
  targetLevel: Level | null;
  levelAtApplication: Level | null;
  internal: boolean | null;
  submittedAt: string | null;
  shortlistedAt: string | null;
  outcome: ApplicationOutcomeKind | null;
  outcomeAt: string | null;
  stage: ApplicationStage | null;
}

export interface Participation {
  programmeId: string;
  programmeKind: ProgrammeKind | null;
  role: ProgrammeRole | null;
  protectedTime: boolean | null;
  enrolledAt: string | null;
  completedAt: string | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  /**
   * The mentor's and the coach's subject pseudonyms (ProgrammeEnrolled v2), present only when the
   * enrolment named them. HR sends the mentor's own subjectRef, which ingestion pseudonymises exactly
   * as it does subjectRef, so this is the mentor's subjectId: their timeline in the same organisation.
   */
  mentorRef?: string;
  coachRef?: string;
}

export interface Demographics {
  ethnicity?: EthnicityCode;
  migrantGeneration?: MigrantGeneration;
  sex?: Sex;
  ageBand?: AgeBand;
  disability?: Disability;
}

export interface TrainingRecord {
  at: string;
  kind: TrainingKind;
  outcome: TrainingOutcome;
}

export interface AssessmentRecord {
  at: string;
  instrument: AssessmentInstrument;
  phase: AssessmentPhase;
  score: number;
  scaleMin: number;
  scaleMax: number;
}

export interface DisciplinaryRecord {
  openedAt: string;
  caseKind: string | null;
}

export interface BusinessKey {
  occurredAt: string;
  position: number;
}

/** The subject timeline of §6: everything a subject's history says, in business order. */
export interface SubjectTimeline {
  subjectId: string;
  orgId: string;
  /** The stream version this timeline reflects. */
  version: number;
  lastApplied: BusinessKey | null;
  retractedEventIds: string[];
  spells: Spell[];
  grades: GradePeriod[];
  promotions: Promotion[];
  applications: Application[];
  programmes: Participation[];
  demographics: Demographics;
  training: TrainingRecord[];
  assessments: AssessmentRecord[];
  disciplinaryCases: DisciplinaryRecord[];
}
