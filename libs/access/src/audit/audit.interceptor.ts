import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchError, concatMap, type Observable } from 'rxjs';
import { statusOf } from '@rung/platform';
import { accessOf } from '../guard/request-access';
import { AuditRecorder } from './audit-recorder';

type WithCommit = Request & { rungCommitAudit?: (status: number) => Promise<void> };

/**
 * Audits every request that passed the guard: the entry is durable before the answer leaves. Handlers
 * that write the answer themselves call commitAuditBeforeReply first; the rest are audited here.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly recorder: AuditRecorder) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<WithCommit>();
    const access = accessOf(req);
    if (!access) return next.handle();
    const record = (status: number): Promise<void> => this.recorder.record(context, req, access.principal, status);
    req.rungCommitAudit = record;
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      concatMap(async (value: unknown) => {
        await record(res.statusCode);
        return value;
      }),
      catchError(async (error: unknown) => {
        await record(statusOf(error));
        throw error;
      }),
    );
  }
}

/** For handlers that send their own answer (through @Res): writes the audit entry before they do. */
export async function commitAuditBeforeReply(req: Request, status: number): Promise<void> {
  await (req as WithCommit).rungCommitAudit?.(status);
}
