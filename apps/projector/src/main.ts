import 'reflect-metadata';
import { runMain } from '@rung/platform';
import { ProjectorAppModule } from './projector-app.module';

void runMain('projector', (config, logger) => ProjectorAppModule.forRoot(config, logger));
