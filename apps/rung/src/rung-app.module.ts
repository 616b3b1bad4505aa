import { Module, type DynamicModule } from '@nestjs/common';
import { IngestModule, KafkaIngestModule } from '@rung/app-ingest';
import { ProjectorModule } from '@rung/app-projector';
import { QueryModule } from '@rung/app-query';
import { AccessModule } from '@rung/access';
import { EventStoreModule } from '@rung/event-store';
import { PlatformModule, type JsonLogger, type RungConfig } from '@rung/platform';

/** All of Rung in one process: ingestion (HTTP, and Kafka when KAFKA_BROKERS is set), projection and queries over one store. */
@Module({})
export class RungAppModule {
  static forRoot(config: RungConfig, logger: JsonLogger): DynamicModule {
    return {
      module: RungAppModule,
      imports: [
        PlatformModule.forRoot(config, logger), EventStoreModule, AccessModule, IngestModule, ProjectorModule, QueryModule,
        ...KafkaIngestModule.whenConfigured(config),
      ],
    };
  }
}
