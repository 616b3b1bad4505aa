import { Global, Module, type DynamicModule } from '@nestjs/common';
import { pseudonymiseSubject } from '@rung/domain';
import { loadPseudonymSecret, type RungConfig } from './config';
import { HealthController, Readiness } from './health';
import { JsonLogger } from './logging';
import { MetricsController, RungMetrics } from './metrics';
import { CLOCK, PSEUDONYM_KEY, PSEUDONYMISER, RUNG_CONFIG, type Clock, type Pseudonymiser } from './tokens';

/** Config, logging, the clock and the pseudonymiser, for every app. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: RungConfig, logger: JsonLogger): DynamicModule {
    return {
      module: PlatformModule,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: RUNG_CONFIG, useValue: config },
        { provide: JsonLogger, useValue: logger },
        { provide: CLOCK, useValue: (() => new Date()) satisfies Clock },
        { provide: PSEUDONYM_KEY, useFactory: () => loadPseudonymSecret(config) },
        { provide: PSEUDONYMISER, useFactory: keyedPseudonymiser, inject: [PSEUDONYM_KEY] },
        Readiness,
        RungMetrics,
      ],
      exports: [RUNG_CONFIG, JsonLogger, CLOCK, PSEUDONYMISER, PSEUDONYM_KEY, Readiness, RungMetrics],
    };
  }
}

function keyedPseudonymiser(secret: Buffer): Pseudonymiser {
  return { subjectId: (orgId, subjectRef) => pseudonymiseSubject(secret, orgId, subjectRef) };
}
