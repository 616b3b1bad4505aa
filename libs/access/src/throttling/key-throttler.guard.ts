import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerModuleOptions, type ThrottlerStorage,
} from '@nestjs/throttler';
import type { Request } from 'express';
import { DomainError } from '@rung/domain';
import { AuditRecorder } from '../audit/audit-recorder';
import { accessOf } from '../guard/request-access';

/**
 * Rate limits per key (§8), after the access guard has named the key. Public routes are not limited
 * here: they do no work worth limiting. A refusal is audited and names the limit.
 */
@Injectable()
export class KeyThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly recorder: AuditRecorder,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !accessOf(context.switchToHttp().getRequest<Request>());
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const req = context.switchToHttp().getRequest<Request>();
    await this.recorder.record(context, req, accessOf(req)?.principal ?? null, 429);
    const seconds = Math.round(detail.ttl / 1000);
    throw new DomainError('too-many-requests', `This key made more than ${detail.limit} requests in ${seconds} s (the rate limit for its role); wait ${detail.timeToBlockExpire} s.`);
  }
}
