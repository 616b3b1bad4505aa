import type { EventType } from '../event-types';
import * as D from './event-data.dto';

type DataClass = new () => object;

export const DATA_DTO_BY_TYPE: Record<EventType, DataClass> = {
  EmployeeHired: D.EmployeeHiredData,
  EmployeeLeft: D.EmployeeLeftData,
  DemographicsRecorded: D.DemographicsRecordedData,
  PromotionGranted: D.PromotionGrantedData,
  GradeChanged: D.GradeChangedData,
  ApplicationSubmitted: D.ApplicationSubmittedData,
  ApplicationShortlisted: D.ApplicationShortlistedData,
  ApplicationOutcome: D.ApplicationOutcomeData,
  ProgrammeEnrolled: D.ProgrammeEnrolledData,
  ProgrammeCompleted: D.ProgrammeCompletedData,
  ProgrammeWithdrawn: D.ProgrammeWithdrawnData,
  TrainingAccessed: D.TrainingAccessedData,
  DisciplinaryCaseOpened: D.DisciplinaryCaseOpenedData,
  AssessmentRecorded: D.AssessmentRecordedData,
  EventRetracted: D.EventRetractedData,
};
