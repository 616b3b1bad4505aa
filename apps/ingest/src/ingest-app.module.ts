import { Module, type DynamicModule } from '@nestjs/common';
import { AccessModule } from '@rung/access';
import { EventStoreModule } from '@rung/event-store';
import { PlatformModule, type JsonLogger, type RungConfig } from '@rung/platform';
import { IngestModule } from './ingest.module';
import { KafkaIngestModule } from './kafka';

/** The ingestion service on its own: POST /v1/events, and the Kafka topics when KAFKA_BROKERS is set. */
@Module({})
export class IngestAppModule {
  static forRoot(config: RungConfig, logger: JsonLogger): DynamicModule {
    return {
      module: IngestAppModule,
      imports: [PlatformModule.forRoot(config, logger), EventStoreModule, AccessModule, IngestModule, ...KafkaIngestModule.whenConfigured(config)],
    };
  }
}
