export * from './job-lease.port';
export { LeaseModule } from './lease.module';
export { MongoJobLease, LEASES_COLLECTION, LEASE_LOG_COLLECTION } from './mongo-job-lease';
