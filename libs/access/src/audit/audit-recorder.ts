import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { AUDIT_LOG, type AuditLog, type AuditRecord } from '@rung/audit';
import { CLOCK, currentCorrelationId, PSEUDONYMISER, RungMetrics, type Clock, type Pseudonymiser } from '@rung/platform';
import type { Principal } from '../guard/principal';
import { accessOf } from '../guard/request-access';
import { auditRecordOf } from './audit-record';

/** Writes the audit entry of a request, durably, once. */
@Injectable()
export class AuditRecorder {
  constructor(
    @Inject(AUDIT_LOG) private readonly log: AuditLog,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PSEUDONYMISER) private readonly pseudonymiser: Pseudonymiser,
    private readonly metrics: RungMetrics,
  ) {}

  async record(context: ExecutionContext, req: Request, principal: Principal | null, status: number): Promise<void> {
    const access = accessOf(req);
    if (access?.audited) return;
    if (access) access.audited = true;
    const record = auditRecordOf(req, {
      at: this.clock().toISOString(),
      action: actionOf(context),
      status,
      principal,
      disclosure: access?.disclosure ?? null,
      correlationId: currentCorrelationId(),
      subjectId: (orgId, ref) => this.pseudonymiser.subjectId(orgId, ref),
    });
    await this.log.append([record]);
    this.metrics.auditEntries.inc();
    if (access) access.record = record;
  }

  /** Writes, durably, the entry of a request that repeats one already audited: the same entry, now. */
  async repeat(record: AuditRecord, status: number, correlationId: string): Promise<void> {
    await this.log.append([{ ...record, at: this.clock().toISOString(), status, correlationId }]);
    this.metrics.auditEntries.inc();
  }
}

/** `StudiesController.report` → `studies.report`. */
export function actionOf(context: ExecutionContext): string {
  const controller = context.getClass().name.replace(/Controller$/, '');
  const kebab = controller.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return `${kebab}.${context.getHandler().name}`;
}
