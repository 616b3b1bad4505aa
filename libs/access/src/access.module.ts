import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { AuditModule } from '@rung/audit';
import { STORE_BACKEND, type StoreBackend } from '@rung/event-store';
import { RUNG_CONFIG, type RungConfig } from '@rung/platform';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AuditRecorder } from './audit/audit-recorder';
import { AccessGuard } from './guard/access.guard';
import { ApiKeys } from './keys/api-keys.service';
import { EmbeddedKeyStore } from './keys/embedded-key-store';
import { FirstAdminKey } from './keys/first-admin-key';
import { KEY_STORE, type KeyStore } from './keys/key-store';
import { MongoKeyStore } from './keys/mongo-key-store';
import { RepeatAccess } from './repeat/repeat-access';
import { FixedWindowStorage } from './throttling/fixed-window-storage';
import { rateLimitOf, THROTTLER_NAME, throttleKeyOf, trackerOf } from './throttling/rate-limits';
import { KeyThrottlerGuard } from './throttling/key-throttler.guard';

function openKeyStore(backend: StoreBackend): KeyStore {
  switch (backend.kind) {
    case 'embedded':
      return EmbeddedKeyStore.open(backend.dataDir);
    case 'mongo':
      return MongoKeyStore.open(backend.connection);
  }
}

function throttlerOptions(config: RungConfig): ThrottlerModuleOptions {
  return {
    throttlers: [{ name: THROTTLER_NAME, ttl: config.rateLimitWindowSeconds * 1000, limit: (context) => rateLimitOf(context, config) }],
    getTracker: (req) => trackerOf(req),
    generateKey: (_context, tracker, name) => throttleKeyOf(tracker, name),
    storage: new FixedWindowStorage(),
  };
}

/**
 * Keys, the global deny-by-default guard, per-key rate limits and the audit of every request (§8).
 * Guards run in the order given: who is calling first, then how often.
 */
@Global()
@Module({
  imports: [AuditModule, ThrottlerModule.forRootAsync({ inject: [RUNG_CONFIG], useFactory: throttlerOptions })],
  providers: [
    { provide: KEY_STORE, useFactory: openKeyStore, inject: [STORE_BACKEND] },
    ApiKeys,
    AuditRecorder,
    FirstAdminKey,
    RepeatAccess,
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: KeyThrottlerGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [ApiKeys, RepeatAccess, AuditModule],
})
export class AccessModule {}
