import 'reflect-metadata';
import { runMain } from '@rung/platform';
import { QueryAppModule } from './query-app.module';

void runMain('query', (config, logger) => QueryAppModule.forRoot(config, logger));
