import { Inject, Module, type OnModuleDestroy } from '@nestjs/common';
import { JsonLogger, PSEUDONYM_KEY, RUNG_CONFIG, type RungConfig } from '@rung/platform';
import { EVENT_PREPARER, type EventPreparer } from './event-preparer';
import { InlineEventPreparer } from './inline-event-preparer';
import { WorkerPoolEventPreparer } from './worker-pool-event-preparer';

function createPreparer(config: RungConfig, key: Buffer, logger: JsonLogger): EventPreparer {
  logger.event('info', 'event preparation', { workers: config.ingestWorkers });
  return config.ingestWorkers > 0 ? new WorkerPoolEventPreparer(config.ingestWorkers, key) : new InlineEventPreparer(key);
}

/** Where incoming events are validated, pseudonymised and digested: INGEST_WORKERS worker threads, or inline. */
@Module({
  providers: [{ provide: EVENT_PREPARER, useFactory: createPreparer, inject: [RUNG_CONFIG, PSEUDONYM_KEY, JsonLogger] }],
  exports: [EVENT_PREPARER],
})
export class EventPreparationModule implements OnModuleDestroy {
  constructor(@Inject(EVENT_PREPARER) private readonly preparer: EventPreparer) {}

  async onModuleDestroy(): Promise<void> {
    if (this.preparer instanceof WorkerPoolEventPreparer) await this.preparer.close();
  }
}
