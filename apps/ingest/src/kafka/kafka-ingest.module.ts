import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { RungConfig } from '@rung/platform';
import { KafkaIngestLifecycle } from './kafka-ingest.lifecycle';
import { KafkaIngestMetrics } from './kafka-ingest.metrics';
import { KafkaIngestTransport } from './kafka-ingest.transport';

/** Consumes the career topics into the event store through RecordCareerEvents (needs IngestModule beside it). */
@Module({})
export class KafkaIngestModule {
  /** The module when KAFKA_BROKERS is set; nothing otherwise, so that `npm start` stays free of Kafka. */
  static whenConfigured(config: RungConfig): DynamicModule[] {
    if (!config.kafkaBrokers?.length) return [];
    return [{
      module: KafkaIngestModule,
      imports: [CqrsModule],
      providers: [KafkaIngestMetrics, KafkaIngestTransport, KafkaIngestLifecycle],
      exports: [KafkaIngestMetrics],
    }];
  }
}
