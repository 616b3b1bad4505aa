import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ScheduleModule } from '@nestjs/schedule';
import { AuditModule } from '@rung/audit';
import { STORE_BACKEND, type StoreBackend } from '@rung/event-store';
import { SubjectTimelineModule } from '../subject-timeline/subject-timeline.module';
import { Erasures } from './erasures.service';
import { InProcessJobLease, JOB_LEASE, type JobLease } from './job-lease.port';
import { MongoJobLease } from './mongo-job-lease';
import { RetentionJob } from './retention.job';
import { Retention } from './retention.service';

/** Leases live beside the events: the embedded store has one process, MongoDB may have many. */
function openJobLease(backend: StoreBackend): JobLease {
  switch (backend.kind) {
    case 'embedded':
      return new InProcessJobLease();
    case 'mongo':
      return MongoJobLease.open(backend.connection);
  }
}

/** Erasure of subjects by crypto-shredding; the admin API and the retention job use it. */
@Module({
  imports: [CqrsModule, ScheduleModule.forRoot(), SubjectTimelineModule, AuditModule],
  providers: [Erasures, Retention, RetentionJob, { provide: JOB_LEASE, useFactory: openJobLease, inject: [STORE_BACKEND] }],
  exports: [Erasures, Retention, RetentionJob],
})
export class ErasureModule {}
