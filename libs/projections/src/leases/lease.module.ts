import { Module } from '@nestjs/common';
import { providedByBackend } from '@rung/event-store';
import { InProcessJobLease, JOB_LEASE, type JobLease } from './job-lease.port';
import { MongoJobLease } from './mongo-job-lease';

/** One lease store per process, for every scheduled job that must run on one instance at a time: the embedded store has one process, MongoDB may have many. */
@Module({
  providers: [providedByBackend<JobLease>(JOB_LEASE, { embedded: () => new InProcessJobLease(), mongo: (c) => MongoJobLease.open(c) })],
  exports: [JOB_LEASE],
})
export class LeaseModule {}
