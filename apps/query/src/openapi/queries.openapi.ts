import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiParam, ApiQuery, ApiResponse, type SchemaObject } from '@nestjs/swagger';
import { ESTIMATORS, INDICATOR_NAMES, INTERVALS, MAX_HORIZON_MONTHS, OUTCOME_NAMES, REPORT_PARTS } from '@rung/analytics';
import { GROUPINGS, ORG_ID, PROGRAMME_KINDS } from '@rung/contracts';

/*
 * Query and path parameters of the query app, written from its parsers (trajectory-query.ts,
 * indicator-query.ts, programme-monitoring-query.ts, report-query.ts, audit-query.ts, the retention controller); an unknown
 * parameter answers 422 on every analytics read.
 */

const DATE: SchemaObject = { type: 'string', format: 'date' };
const query = (name: string, schema: SchemaObject, description: string, required = false) => ApiQuery({ name, required, schema, description });

const FORMAT = query('format', { type: 'string', enum: ['json', 'csv'] }, 'json (default) or csv; `Accept: text/csv` does the same.');
const AS_OF = query('asOf', DATE, 'Read the answer as it stood on this date (data up to then).');

export const FormatQuery = (): MethodDecorator => applyDecorators(FORMAT);
export const ReportQuery = (): MethodDecorator => applyDecorators(AS_OF, FORMAT);
const PART = query('part', { type: 'string', enum: [...REPORT_PARTS], default: 'curves' },
  'Which part of the report a CSV gives: the curves; the comparisons (log-rank tests, rates and rate ratios); the headline table; the adjusted effects; the assessments; or the applications. The JSON is the whole report.');
export const StudyReportQuery = (): MethodDecorator => applyDecorators(AS_OF, FORMAT, PART);
export const CheckpointQuery = (): MethodDecorator => applyDecorators(FORMAT, PART);

export const TrajectoryQuery = (): MethodDecorator => applyDecorators(
  query('outcome', { type: 'string', enum: [...OUTCOME_NAMES] }, 'The outcome to follow.', true),
  query('interval', { type: 'string', enum: [...INTERVALS], default: 'month' }, 'Width of each step.'),
  query('horizonMonths', { type: 'integer', minimum: 1, maximum: MAX_HORIZON_MONTHS, default: 36 }, 'How far to follow the cohort.'),
  query('estimator', { type: 'string', enum: [...ESTIMATORS] }, 'Default: the outcome\'s own; aalen-johansen needs a competing event (not exit).'),
  AS_OF, FORMAT,
);

const INDICATOR_QUERY = [
  query('orgId', { type: 'string', pattern: ORG_ID.source }, 'The organisation; must be within the key\'s.', true),
  query('from', DATE, 'Start of the period (at most 50 years long).', true),
  query('to', DATE, 'End of the period, on or after from.', true),
  query('grouping', { type: 'string', enum: [...GROUPINGS], default: 'wres' }, 'How ethnicity is grouped.'),
  FORMAT,
];

export const IndicatorsQuery = (): MethodDecorator => applyDecorators(...INDICATOR_QUERY);
export const TrendQuery = (): MethodDecorator => applyDecorators(
  ApiParam({ name: 'indicator', schema: { type: 'string', enum: [...INDICATOR_NAMES] } }),
  ...INDICATOR_QUERY,
  query('interval', { type: 'string', enum: [...INTERVALS], default: 'month' }, 'Width of each point; a trend has at most 240 points.'),
);

export const ProgrammeMonitoringQuery = (): MethodDecorator => applyDecorators(
  ApiParam({ name: 'orgId', schema: { type: 'string', pattern: ORG_ID.source }, description: 'The organisation; must be within the key\'s.', example: 'rx1-trust' }),
  query('from', DATE, 'Start of the period (at most 50 years long); whole months in protected answers.', true),
  query('to', DATE, 'End of the period, on or after from.', true),
  query('grouping', { type: 'string', enum: [...GROUPINGS], default: 'wres' }, 'How participants are grouped.'),
  query('programmeKind', { type: 'string', enum: [...PROGRAMME_KINDS] }, 'Only this kind of programme (default: every kind).'),
  query('levels', { type: 'string', pattern: '^[1-7](,[1-7])*$', example: '1,2' },
    'The eligible levels, comma-separated (default: every level): participants held one of them, in post, when they enrolled, and take-up is over the people in post at one of them in the period.'),
  FORMAT,
);

const INSTANT: SchemaObject = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?Z?)?$' };
export const AuditQuery = (): MethodDecorator => applyDecorators(
  query('from', INSTANT, 'An ISO date or UTC date-time.'),
  query('to', INSTANT, 'An ISO date (the whole day) or UTC date-time.'),
  query('keyId', { type: 'string', pattern: '^k_[0-9a-f]{16}$' }, 'Only this key\'s entries.'),
  query('action', { type: 'string', pattern: '^[a-z0-9.-]{1,100}$' }, 'Only this action, e.g. studies.report.'),
  query('cursor', { type: 'string', pattern: '^[A-Za-z0-9_-]{1,200}$' }, 'The `next` of the previous page.'),
  query('limit', { type: 'integer', minimum: 1, maximum: 1000, default: 100 }, 'Entries per page.'),
);

export const RetentionQuery = (): MethodDecorator => applyDecorators(query('asOf', DATE, 'Plan as of this date (default today).'));

/** An analytics answer: JSON by default, CSV on `?format=csv` or `Accept: text/csv`; conditional on ETag. */
export const RepresentationResponse = (description: string): MethodDecorator => applyDecorators(ApiOkResponse({
  description: `${description} The answer names its disclosure mode (\`disclosure\` and the Rung-Disclosure header).`,
  headers: { 'Rung-Disclosure': { description: 'protected or exact', schema: { type: 'string', enum: ['protected', 'exact'] } }, ETag: { schema: { type: 'string' } } },
  content: { 'application/json': { schema: { type: 'object' } }, 'text/csv': { schema: { type: 'string' } } },
}), ApiResponse({ status: 304, description: 'Not modified: If-None-Match names the current ETag.' }));
