import { Module } from '@nestjs/common';
import { providedByBackend } from '@rung/event-store';
import { MongoReadModelVersions } from './mongo-read-model-versions';
import { InProcessReadModelVersions, READ_MODEL_VERSIONS, type ReadModelVersions } from './read-model-versions.port';

/** One set of read-model versions per process, beside the events. */
@Module({
  providers: [providedByBackend<ReadModelVersions>(READ_MODEL_VERSIONS, { embedded: () => new InProcessReadModelVersions(), mongo: (c) => MongoReadModelVersions.open(c) })],
  exports: [READ_MODEL_VERSIONS],
})
export class ReadModelVersionsModule {}
