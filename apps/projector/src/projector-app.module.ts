import { Module, type DynamicModule } from '@nestjs/common';
import { AccessModule } from '@rung/access';
import { EventStoreModule } from '@rung/event-store';
import { PlatformModule, type JsonLogger, type RungConfig } from '@rung/platform';
import { ProjectorModule } from './projector.module';

/** The projection service on its own. */
@Module({})
export class ProjectorAppModule {
  static forRoot(config: RungConfig, logger: JsonLogger): DynamicModule {
    return { module: ProjectorAppModule, imports: [PlatformModule.forRoot(config, logger), EventStoreModule, AccessModule, ProjectorModule] };
  }
}
