import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { DomainError } from '@rung/domain';
import { CLOCK, RequiresRole, type Clock } from '@rung/platform';
import { Retention, type RetentionPlan } from '@rung/projections';
import { RetentionQuery } from '../openapi/queries.openapi';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The retention dry run (§8): how many leavers, per organisation, the scheduled job would erase. */
@ApiTags('admin')
@Controller('v1/admin/retention')
@RequiresRole('admin')
export class AdminRetentionController {
  constructor(
    private readonly retention: Retention,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** As of today, or of `?asOf=YYYY-MM-DD` to see what a later run would erase. */
  @Get()
  @ApiOperation({ summary: 'Retention dry run: how many leavers per organisation the scheduled job would erase' })
  @RetentionQuery()
  @ApiOkResponse({ schema: { type: 'object', properties: { asOf: { type: 'string', format: 'date' }, years: { type: 'integer', nullable: true }, byOrg: { type: 'array', items: { type: 'object', properties: { orgId: { type: 'string' }, subjects: { type: 'integer' } } } }, total: { type: 'integer' } } } })
  @ApiUnprocessableEntityResponse({ description: 'asOf is not a date, or an unknown parameter is given.' })
  plan(@Query() query: Record<string, unknown>): Promise<RetentionPlan> {
    return this.retention.plan(asOfOf(query) ?? this.clock().toISOString().slice(0, 10));
  }
}

function asOfOf(query: Record<string, unknown>): string | undefined {
  const errors = Object.keys(query).filter((k) => k !== 'asOf').map((path) => ({ path, message: 'is not a parameter of the retention plan' }));
  const { asOf } = query;
  const valid = typeof asOf === 'string' && DATE.test(asOf) && isCalendarDate(asOf);
  if (asOf !== undefined && !valid) errors.push({ path: 'asOf', message: 'must be a date, YYYY-MM-DD' });
  if (errors.length) throw new DomainError('validation-failed', 'The retention query is not valid.', errors);
  return asOf as string | undefined;
}

/** 2024-02-30 rolls over into March, and 2024-13-01 is no date at all (toISOString would throw on it). */
function isCalendarDate(date: string): boolean {
  const time = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(date);
}
