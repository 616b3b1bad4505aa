import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AUDIT_LOG, type AuditLog, type AuditPage, type AuditVerification } from '@rung/audit';
import { RequiresRole } from '@rung/platform';
import { parseAuditQuery } from './audit-query';
import { AuditQuery } from '../openapi/queries.openapi';

@ApiTags('admin')
@Controller('v1/admin/audit')
@RequiresRole('admin')
export class AdminAuditController {
  constructor(@Inject(AUDIT_LOG) private readonly log: AuditLog) {}

  @Get()
  @ApiOperation({ summary: 'Page through the audit log, oldest first' })
  @AuditQuery()
  @ApiOkResponse({ schema: { type: 'object', properties: { entries: { type: 'array', items: { type: 'object' } }, next: { type: 'string', nullable: true } } } })
  @ApiUnprocessableEntityResponse({ description: 'A filter is unknown or not valid.' })
  page(@Query() query: Record<string, unknown>): Promise<AuditPage> {
    const { filter, cursor, limit } = parseAuditQuery(query);
    return this.log.page(filter, cursor, limit);
  }

  /** Recomputes the hash chain over what is stored. */
  @Get('verify')
  @ApiOperation({ summary: 'Verify the audit log\'s hash chain' })
  @ApiOkResponse({ schema: { type: 'object', properties: { ok: { type: 'boolean' }, entries: { type: 'integer' }, head: { type: 'string', nullable: true }, problems: { type: 'array', items: { type: 'object' } } } } })
  verify(): Promise<AuditVerification> {
    return this.log.verify();
  }
}
