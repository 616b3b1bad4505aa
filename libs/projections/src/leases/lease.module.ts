import { Module } from '@nestjs/common';
import { STORE_BACKEND, type StoreBackend } from '@rung/event-store';
import { InProcessJobLease, JOB_LEASE, type JobLease } from './job-lease.port';
import { MongoJobLease } from './mongo-job-lease';

/** Leases live beside the events: the embedded store has one process, MongoDB may have many. */
function openJobLease(backend: StoreBackend): JobLease {
  switch (backend.kind) {
    case 'embedded':
      return new InProcessJobLease();
    case 'mongo':
      return MongoJobLease.open(backend.connection);
  }
}

/** One lease store per process, for every scheduled job that must run on one instance at a time. */
@Module({
  providers: [{ provide: JOB_LEASE, useFactory: openJobLease, inject: [STORE_BACKEND] }],
  exports: [JOB_LEASE],
})
export class LeaseModule {}
