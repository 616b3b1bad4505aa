import { Module, type DynamicModule } from '@nestjs/common';
import { AccessModule } from '@rung/access';
import { EventStoreModule } from '@rung/event-store';
import { PlatformModule, type JsonLogger, type RungConfig } from '@rung/platform';
import { QueryModule } from './query.module';

/** The query service on its own: it reads the timelines the projector service writes, and writes none. */
@Module({})
export class QueryAppModule {
  static forRoot(config: RungConfig, logger: JsonLogger): DynamicModule {
    return { module: QueryAppModule, imports: [PlatformModule.forRoot(config, logger), EventStoreModule, AccessModule, QueryModule] };
  }
}
