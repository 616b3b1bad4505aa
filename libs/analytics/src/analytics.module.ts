import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ScheduleModule } from '@nestjs/schedule';
import { STORE_BACKEND, type StoreBackend } from '@rung/event-store';
import { LeaseModule, SubjectTimelineModule } from '@rung/projections';
import { CohortViews } from './cohorts/cohort-views.service';
import { COHORT_STORE } from './cohorts/cohort.store';
import { ARCHIVE_STORE } from './archive/archive.store';
import { Archives } from './archive/archives.service';
import { ArchiveCohortHandler } from './cohorts/archive-cohort.handler';
import { ArchiveStudyHandler } from './studies/archive-study.handler';
import { DefineCohortHandler } from './cohorts/define-cohort.handler';
import { GetCohortTrajectoryHandler } from './cohorts/get-cohort-trajectory.handler';
import { GetCohortHandler } from './cohorts/get-cohort.handler';
import { ListCohortsHandler } from './cohorts/list-cohorts.handler';
import { GetIndicatorsHandler } from './indicators/get-indicators.handler';
import { GetTrendHandler } from './indicators/get-trend.handler';
import { IndicatorViews } from './indicators/indicator-views.service';
import { AnalyticsReader, DATA_VERSIONS } from './materialisation/analytics-reader';
import { AnalyticsCareerEventsRecordedHandler } from './materialisation/career-events-recorded.handler';
import { AnalyticsSubjectsErasedHandler } from './materialisation/subjects-erased.handler';
import { DataVersions } from './materialisation/data-versions';
import { MaterialiseJob } from './materialisation/materialise.job';
import { ReadModelWatch } from './materialisation/read-model-watch';
import { GetProgrammeMonitoringHandler } from './programmes/get-programme-monitoring.handler';
import { ProgrammeMonitoringViews } from './programmes/programme-monitoring-views.service';
import { AnalyticsTimelinesRebuiltHandler } from './materialisation/timelines-rebuilt.handler';
import { JsonlDocumentStore } from './stores/jsonl-document-store';
import { MongoDocumentStore } from './stores/mongo-document-store';
import { AnalyticsScope } from './scoping/analytics-scope.service';
import { RecordKeys } from './disclosure/record-keys';
import { DefineStudyHandler } from './studies/define-study.handler';
import { GetStudyCheckpointHandler } from './studies/get-study-checkpoint.handler';
import { GetStudyReportHandler } from './studies/get-study-report.handler';
import { GetStudyHandler } from './studies/get-study.handler';
import { ListStudiesHandler } from './studies/list-studies.handler';
import { ListStudyCheckpointsHandler } from './studies/list-study-checkpoints.handler';
import { StudyReports } from './studies/study-reports.service';
import { CHECKPOINT_STORE, STUDY_STORE } from './studies/study.store';

/**
 * Analytics documents live beside the events: in DATA_DIR/analytics on the embedded store, and in a
 * collection of their own on MongoDB, so that every query instance shares one set of definitions and
 * frozen checkpoints.
 */
const documents = (name: string) => ({
  inject: [STORE_BACKEND],
  useFactory: (backend: StoreBackend) => (backend.kind === 'mongo'
    ? MongoDocumentStore.open(backend.connection, `analytics_${name}`)
    : JsonlDocumentStore.open(join(backend.dataDir, 'analytics', `${name}.jsonl`))),
});

/** Cohorts, studies, reports, checkpoints, indicators, trends and programme monitoring (§7, §7a, §12), over the subject timelines. */
@Module({
  imports: [CqrsModule, ScheduleModule.forRoot(), SubjectTimelineModule, LeaseModule],
  providers: [
    { provide: COHORT_STORE, ...documents('cohorts') },
    { provide: STUDY_STORE, ...documents('studies') },
    { provide: CHECKPOINT_STORE, ...documents('checkpoints') },
    { provide: ARCHIVE_STORE, ...documents('archives') },
    Archives,
    { provide: DATA_VERSIONS, useFactory: () => new DataVersions() },
    AnalyticsReader,
    AnalyticsScope,
    RecordKeys,
    CohortViews,
    StudyReports,
    IndicatorViews,
    ProgrammeMonitoringViews,
    AnalyticsCareerEventsRecordedHandler,
    AnalyticsSubjectsErasedHandler,
    AnalyticsTimelinesRebuiltHandler,
    MaterialiseJob,
    ReadModelWatch,
    DefineCohortHandler,
    ArchiveCohortHandler,
    ListCohortsHandler,
    GetCohortHandler,
    GetCohortTrajectoryHandler,
    DefineStudyHandler,
    ArchiveStudyHandler,
    ListStudiesHandler,
    GetStudyHandler,
    GetStudyReportHandler,
    ListStudyCheckpointsHandler,
    GetStudyCheckpointHandler,
    GetIndicatorsHandler,
    GetTrendHandler,
    GetProgrammeMonitoringHandler,
  ],
  exports: [AnalyticsReader, MaterialiseJob, StudyReports, CohortViews, IndicatorViews, ProgrammeMonitoringViews],
})
export class AnalyticsModule {}
