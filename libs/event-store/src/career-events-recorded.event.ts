import type { StreamAppendResult } from './event-store.port';

/** Published in-process after an append is durable. Not the only path to projections: they also poll for lag. */
export class CareerEventsRecorded {
  constructor(readonly appended: readonly StreamAppendResult[]) {}
}
