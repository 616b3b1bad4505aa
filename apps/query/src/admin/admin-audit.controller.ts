import { Controller, Get, Inject, Query } from '@nestjs/common';
import { AUDIT_LOG, type AuditLog, type AuditPage, type AuditVerification } from '@rung/audit';
import { RequiresRole } from '@rung/platform';
import { parseAuditQuery } from './audit-query';

@Controller('v1/admin/audit')
@RequiresRole('admin')
export class AdminAuditController {
  constructor(@Inject(AUDIT_LOG) private readonly log: AuditLog) {}

  @Get()
  page(@Query() query: Record<string, unknown>): Promise<AuditPage> {
    const { filter, cursor, limit } = parseAuditQuery(query);
    return this.log.page(filter, cursor, limit);
  }

  /** Recomputes the hash chain over what is stored. */
  @Get('verify')
  verify(): Promise<AuditVerification> {
    return this.log.verify();
  }
}
