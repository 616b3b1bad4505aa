import { Module } from '@nestjs/common';
import { providedByBackend } from '@rung/event-store';
import { MongoRebuildLog } from './mongo-rebuild-log';
import { InMemoryRebuildLog, REBUILD_LOG, type RebuildLog } from './rebuild-log.port';

/** The rebuild log beside the events: the projector runs what the admin API asks for. */
@Module({
  providers: [providedByBackend<RebuildLog>(REBUILD_LOG, { embedded: () => new InMemoryRebuildLog(), mongo: (c) => MongoRebuildLog.open(c) })],
  exports: [REBUILD_LOG],
})
export class RebuildLogModule {}
