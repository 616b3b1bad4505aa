import { Inject, Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import type { Request } from 'express';
import type { AuditRecord } from '@rung/audit';
import { RUNG_CONFIG, type RungConfig } from '@rung/platform';
import { AuditRecorder } from '../audit/audit-recorder';
import { bearerToken } from '../guard/bearer-token';
import { accessOf } from '../guard/request-access';
import { tokenHash } from '../keys/api-key';
import { ApiKeys } from '../keys/api-keys.service';
import { rateLimitOfRoles, THROTTLER_NAME, throttleKeyOf } from '../throttling/rate-limits';

/** What the guards let through once, and the audit entry it got: enough to admit the same request again. */
export interface Admission {
  keyId: string;
  limit: number;
  record: AuditRecord;
}

export type RateLimitHeaders = Record<'X-RateLimit-Limit' | 'X-RateLimit-Remaining' | 'X-RateLimit-Reset', number>;

/**
 * Admits a request that repeats one the guards let through, without the framework: the same key,
 * still known and not revoked, counted against the same rate limit, with the same audit entry made
 * durable again. Anything else is left to the guards, which answer it as they would any request.
 */
@Injectable()
export class RepeatAccess {
  constructor(
    private readonly keys: ApiKeys,
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    @Inject(RUNG_CONFIG) private readonly config: RungConfig,
    private readonly recorder: AuditRecorder,
  ) {}

  /** The hash of the bearer token, to recognise the key without keeping its secret; null without one. */
  credentialOf(authorization: string | undefined): string | null {
    const token = bearerToken(authorization);
    return token ? tokenHash(token) : null;
  }

  /** The admission of a request that passed the guards and whose audit entry is durable; null otherwise. */
  admissionOf(req: Request): Admission | null {
    const access = accessOf(req);
    if (!access?.record) return null;
    return { keyId: access.principal.keyId, limit: rateLimitOfRoles(access.principal.roles, this.config), record: access.record };
  }

  /** The rate-limit headers when the key may repeat the request now; null when the guards must answer (revoked, or over its limit). */
  async readmit(credential: string, admission: Admission): Promise<RateLimitHeaders | null> {
    const principal = await this.keys.authenticateHash(credential);
    if (principal?.keyId !== admission.keyId) return null;
    const ttl = this.config.rateLimitWindowSeconds * 1000;
    const hits = await this.storage.increment(throttleKeyOf(admission.keyId), ttl, admission.limit, ttl, THROTTLER_NAME);
    if (hits.isBlocked) return null;
    return { 'X-RateLimit-Limit': admission.limit, 'X-RateLimit-Remaining': Math.max(0, admission.limit - hits.totalHits), 'X-RateLimit-Reset': hits.timeToExpire };
  }

  /** Makes the repeat's audit entry durable: the admitted entry, with this answer's time, status and correlation id. */
  audit(admission: Admission, status: number, correlationId: string): Promise<void> {
    return this.recorder.repeat(admission.record, status, correlationId);
  }
}
