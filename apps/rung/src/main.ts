import 'reflect-metadata';
import { runMain } from '@rung/platform';
import { RungAppModule } from './rung-app.module';

void runMain('rung', (config, logger) => RungAppModule.forRoot(config, logger));
