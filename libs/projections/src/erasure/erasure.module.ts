import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ScheduleModule } from '@nestjs/schedule';
import { AuditModule } from '@rung/audit';
import { SubjectTimelineModule } from '../subject-timeline/subject-timeline.module';
import { Erasures } from './erasures.service';
import { LeaseModule } from '../leases/lease.module';
import { RetentionJob } from './retention.job';
import { Retention } from './retention.service';

/** Erasure of subjects by crypto-shredding; the admin API and the retention job use it. */
@Module({
  imports: [CqrsModule, ScheduleModule.forRoot(), SubjectTimelineModule, AuditModule, LeaseModule],
  providers: [Erasures, Retention, RetentionJob],
  exports: [Erasures, Retention, RetentionJob],
})
export class ErasureModule {}
