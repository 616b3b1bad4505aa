export * from './kafka-ingest.module';
export * from './kafka-ingest.metrics';
export { KafkaIngestTransport } from './kafka-ingest.transport';
export { DEAD_LETTER_HEADERS } from './dead-letter';
export type { DeadLetterCode } from './decode-message';
