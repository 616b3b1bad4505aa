import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Readiness } from '@rung/platform';
import { KafkaIngestTransport } from './kafka-ingest.transport';

/**
 * Runs the Kafka transport inside the app's own lifecycle, so that every app that imports the module
 * (the ingest service, the all-in-one) consumes without extra boot code.
 */
@Injectable()
export class KafkaIngestLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly transport: KafkaIngestTransport,
    private readonly readiness: Readiness,
  ) {}

  /** After CqrsModule's own bootstrap (it is imported below us), so the command handler is registered. */
  async onApplicationBootstrap(): Promise<void> {
    this.readiness.register({ name: 'kafka', isReady: () => this.transport.isReady() });
    await new Promise<void>((resolve, reject) => this.transport.listen((error) => (error ? reject(error) : resolve())));
  }

  /**
   * The earliest shutdown hook: the chunk in flight still has the command bus and the projector, and the
   * event store is closed only later, in onApplicationShutdown.
   */
  async onModuleDestroy(): Promise<void> {
    await this.transport.close();
  }
}
