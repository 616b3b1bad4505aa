import { Module } from '@nestjs/common';
import { REQUEST_SHORTCUT } from '@rung/platform';
import { CqrsModule } from '@nestjs/cqrs';
import { AnalyticsModule } from '@rung/analytics';
import { ErasureModule, RebuildLogModule, SubjectTimelineModule } from '@rung/projections';
import { AdminAuditController } from './admin/admin-audit.controller';
import { AdminErasuresController } from './admin/admin-erasures.controller';
import { AdminKeysController } from './admin/admin-keys.controller';
import { AdminProjectionsController } from './admin/admin-projections.controller';
import { AdminRetentionController } from './admin/admin-retention.controller';
import { CohortsController } from './analytics/cohorts.controller';
import { IndicatorsController } from './analytics/indicators.controller';
import { NotModifiedReplay } from './analytics/not-modified/not-modified-replay';
import { ProgrammesController } from './analytics/programmes.controller';
import { StudiesController } from './analytics/studies.controller';
import { DashboardPageController } from './dashboard/dashboard-page.controller';
import { SessionController } from './session/session.controller';
import { TimelineController } from './timeline.controller';

/** The read side: timelines, and cohorts, studies, indicators, trends and programme monitoring (§7a, §12); and the admin API of keys, the audit log, erasure, retention and rebuilds. */
@Module({
  imports: [CqrsModule, SubjectTimelineModule, ErasureModule, AnalyticsModule, RebuildLogModule],
  providers: [NotModifiedReplay, { provide: REQUEST_SHORTCUT, useExisting: NotModifiedReplay }],
  controllers: [TimelineController, CohortsController, StudiesController, IndicatorsController, ProgrammesController, AdminKeysController, AdminAuditController, AdminErasuresController, AdminRetentionController, AdminProjectionsController, SessionController, DashboardPageController],
})
export class QueryModule {}
