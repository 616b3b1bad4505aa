import type { EventType } from './event-types';
import type { EthnicityCode } from './ethnicity';
import type {
  AgeBand, ApplicationOutcomeKind, ApplicationStage, AssessmentInstrument, AssessmentPhase,
  ContractType, Disability, GradeChangeReason, LeavingReason, MigrantGeneration, ProgrammeKind,
  ProgrammeRole, PromotionBasis, Sex, TrainingKind, TrainingOutcome,
} from './vocabulary';

export interface EventDataByType {
  EmployeeHired: { grade: string; gradeScheme: string; jobFamily?: string; contractType?: ContractType; fte?: number };
  EmployeeLeft: { reason: LeavingReason };
  DemographicsRecorded: {
    ethnicity?: EthnicityCode;
    migrantGeneration?: MigrantGeneration;
    sex?: Sex;
    ageBand?: AgeBand;
    disability?: Disability;
  };
  PromotionGranted: { fromGrade: string; toGrade: string; gradeScheme: string; basis: PromotionBasis };
  GradeChanged: { fromGrade: string; toGrade: string; gradeScheme: string; reason: GradeChangeReason };
  ApplicationSubmitted: {
    applicationId: string;
    vacancyRef: string;
    targetGrade: string;
    gradeScheme: string;
    internal: boolean;
  };
  ApplicationShortlisted: { applicationId: string };
  ApplicationOutcome: { applicationId: string; outcome: ApplicationOutcomeKind; stage?: ApplicationStage };
  // Schema version 2 added mentorRef and coachRef (SUBJECT_REFERENCE_FIELDS): the subjectRef of the subject's mentor or
  // coach in the same organisation, pseudonymised like subjectRef; version 1 events are read with neither.
  ProgrammeEnrolled: {
    programmeId: string;
    programmeKind: ProgrammeKind;
    role: ProgrammeRole;
    protectedTime?: boolean;
    mentorRef?: string;
    coachRef?: string;
  };
  ProgrammeCompleted: { programmeId: string };
  // These three reasons are closed lists on the way in (WITHDRAWAL_REASONS, CASE_KINDS, RETRACTION_REASONS);
  // events stored before the lists existed keep the short codes they were sent with, so they are typed as strings.
  ProgrammeWithdrawn: { programmeId: string; reason?: string };
  TrainingAccessed: { kind: TrainingKind; outcome: TrainingOutcome };
  DisciplinaryCaseOpened: { caseKind?: string };
  AssessmentRecorded: {
    instrument: AssessmentInstrument;
    phase: AssessmentPhase;
    score: number;
    scaleMin: number;
    scaleMax: number;
  };
  EventRetracted: { retractedEventId: string; reason: string };
}

interface Envelope {
  eventId: string;
  schemaVersion: number;
  orgId: string;
  occurredAt: string;
  source: string;
}

/** An event as HR sends it (§4), after validation. */
export type CareerEvent = {
  [T in EventType]: Envelope & { type: T; subjectRef: string; data: EventDataByType[T] };
}[EventType];

/**
 * An event after pseudonymisation: the raw subjectRef is replaced by the keyed pseudonym, and so are
 * the references of PSEUDONYMISED_FIELDS and SUBJECT_REFERENCE_FIELDS (their values are then pseudonyms,
 * not what HR sent; a subject reference's pseudonym is the referenced subject's subjectId).
 */
export type PseudonymisedEvent = {
  [T in EventType]: Envelope & { type: T; subjectId: string; data: EventDataByType[T] };
}[EventType];

/** An event as the store gives it back: stream position, version and arrival time added. */
export type RecordedEvent = PseudonymisedEvent & {
  streamId: string;
  version: number;
  position: number;
  recordedAt: string;
};

export type EventOf<T extends EventType, E extends { type: EventType } = RecordedEvent> = Extract<E, { type: T }>;
