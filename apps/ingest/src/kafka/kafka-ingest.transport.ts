import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { JsonLogger, kafkaClientConfig, RUNG_CONFIG, type RungConfig } from '@rung/platform';
import { Kafka, Partitioners, type Consumer, type Message, type Producer } from 'kafkajs';
import { RecordCareerEvents } from '../record-career-events.command';
import { KafkaIngestMetrics } from './kafka-ingest.metrics';
import { KAFKA_LOG_LEVEL, kafkaLogCreator } from './kafka-log';
import { PartitionBatchProcessor } from './partition-batch.processor';
import { CAREER_TOPICS, DEAD_LETTER_TOPIC } from '@rung/contracts';

/** Kafka's own fetch.max.wait.ms default; it also bounds how long shutdown waits for an idle fetch. */
const FETCH_MAX_WAIT_MS = 500;

type ConsumerState = 'idle' | 'starting' | 'joined' | 'crashed' | 'stopped';

/**
 * A NestJS custom transport on kafkajs: one consumer group over the five career topics, eachBatch with
 * explicit commits of offset + 1 after the RecordCareerEvents command has stored a chunk.
 * (NestJS's own Kafka transport runs eachMessage only, renames the group, and retries poison messages forever.)
 */
@Injectable()
export class KafkaIngestTransport implements CustomTransportStrategy {
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private state: ConsumerState = 'idle';
  private readonly processor: PartitionBatchProcessor;

  constructor(
    @Inject(RUNG_CONFIG) private readonly config: RungConfig,
    commandBus: CommandBus,
    private readonly metrics: KafkaIngestMetrics,
    private readonly logger: JsonLogger,
  ) {
    const sinks = {
      record: (events: readonly unknown[]) => commandBus.execute(new RecordCareerEvents(events)),
      deadLetter: async (messages: Message[]) => {
        if (!this.producer) throw new Error('the dead-letter producer is closed');
        await this.producer.send({ topic: DEAD_LETTER_TOPIC, acks: -1, messages });
      },
    };
    const settings = { batchSize: config.kafkaBatchSize, retryBackoffMaxMs: config.kafkaRetryBackoffMaxMs, heartbeatIntervalMs: this.heartbeatIntervalMs() };
    this.processor = new PartitionBatchProcessor(sinks, settings, metrics, logger);
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(() => callback(), callback);
  }

  /** Stops fetching, lets the chunk in flight finish and commit, leaves the group, then lets go of the producer. */
  async close(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = null;
    await this.producer?.disconnect();
    this.producer = null;
    this.state = 'stopped';
  }

  /** Connected, in the group, and consuming. */
  isReady(): boolean {
    return this.state === 'joined';
  }

  private async start(): Promise<void> {
    this.state = 'starting';
    const kafka = new Kafka({
      ...kafkaClientConfig(this.config.kafkaClientId, this.config.kafkaBrokers ?? [], this.config),
      logLevel: KAFKA_LOG_LEVEL[this.config.logLevel],
      logCreator: kafkaLogCreator(this.logger),
    });
    try {
      this.producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await this.producer.connect();
      this.consumer = this.createConsumer(kafka);
      await this.consumer.connect();
      await this.consumer.subscribe({ topics: [...CAREER_TOPICS], fromBeginning: true });
      await this.consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.config.kafkaPartitionsConcurrently,
        eachBatch: (payload) => this.processor.process(payload),
      });
    } catch (error) {
      await this.close().catch(() => undefined);
      throw error;
    }
  }

  private createConsumer(kafka: Kafka): Consumer {
    const consumer = kafka.consumer({
      groupId: this.config.kafkaGroupId,
      sessionTimeout: this.config.kafkaSessionTimeoutMs,
      heartbeatInterval: this.heartbeatIntervalMs(),
      maxWaitTimeInMs: FETCH_MAX_WAIT_MS,
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.state = 'joined';
      this.metrics.assigned(payload.memberAssignment);
      const partitions = Object.values(payload.memberAssignment).reduce((n, list) => n + list.length, 0);
      this.logger.event('info', 'kafka consumer joined', { groupId: payload.groupId, memberId: payload.memberId, partitions });
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.state = 'crashed';
      this.logger.event('error', 'kafka consumer crashed', { error: payload.error.name, restart: payload.restart });
    });
    return consumer;
  }

  private heartbeatIntervalMs(): number {
    return Math.floor(this.config.kafkaSessionTimeoutMs / 10);
  }
}
