import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { STORE_BACKEND, type StoreBackend } from '@rung/event-store';
import { AUDIT_LOG, type AuditLog } from './audit-log.port';
import { EmbeddedAuditLog } from './embedded/embedded-audit-log';
import { MongoAuditLog } from './mongo/mongo-audit-log';

/** The audit log lives with the events (§8): beside the embedded journal, or in the same MongoDB. */
function openAuditLog(backend: StoreBackend): Promise<AuditLog> {
  switch (backend.kind) {
    case 'embedded':
      return EmbeddedAuditLog.open({ dataDir: backend.dataDir });
    case 'mongo':
      return MongoAuditLog.open({ connection: backend.connection });
  }
}

/**
 * Provides AUDIT_LOG. Deliberately not global: Nest shuts global modules down last, so this module
 * closes the log (waiting for appends under way) before EventStoreModule, a global one, closes the
 * MongoDB connection. Import it where AUDIT_LOG is injected, or re-export it from a global module.
 */
@Module({
  providers: [{ provide: AUDIT_LOG, useFactory: openAuditLog, inject: [STORE_BACKEND] }],
  exports: [AUDIT_LOG],
})
export class AuditModule implements OnApplicationShutdown {
  constructor(@Inject(AUDIT_LOG) private readonly log: AuditLog) {}

  async onApplicationShutdown(): Promise<void> {
    await this.log.close();
  }
}
