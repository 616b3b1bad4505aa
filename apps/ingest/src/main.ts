import 'reflect-metadata';
import { runMain } from '@rung/platform';
import { IngestAppModule } from './ingest-app.module';

void runMain('ingest', (config, logger) => IngestAppModule.forRoot(config, logger));
