import { IsDefined, IsIn, IsOptional, Matches } from 'class-validator';
import { GROUPINGS, ORG_ID, type FieldError, type Grouping } from '@rung/contracts';
import { dayOf } from '../common/days';
import { calendarPeriods, INTERVALS, type IntervalKind } from '../common/intervals';
import { CommonQueryDto, type Format } from '../common/query-params';
import { IsRealDate, validateDto, type Checked } from '../common/validation';
import type { IndicatorName } from './indicators';

/** Query cost limits (§8): the longest period, and the most points in a trend. */
export const MAX_PERIOD_DAYS = 50 * 366;
export const MAX_TREND_POINTS = 240;

/** `?from=&to=&grouping=`: a period and a grouping, as indicators, trends and programme monitoring take them. */
export class PeriodQueryDto extends CommonQueryDto {
  @IsDefined() @IsRealDate()
  from!: string;

  @IsDefined() @IsRealDate()
  to!: string;

  @IsOptional() @IsIn([...GROUPINGS], { message: `must be one of: ${GROUPINGS.join(', ')}` })
  grouping?: string;
}

/** A period must run forwards and last at most 50 years. */
export function periodErrors(from: string, to: string): FieldError[] {
  if (from > to) return [{ path: 'to', message: 'must be on or after from' }];
  if (dayOf(to) - dayOf(from) > MAX_PERIOD_DAYS) return [{ path: 'to', message: 'the period must be at most 50 years' }];
  return [];
}

class IndicatorsQueryDto extends PeriodQueryDto {
  @IsDefined() @Matches(ORG_ID, { message: 'must be an organisation id (a lower-case slug)' })
  orgId!: string;
}

class TrendQueryDto extends IndicatorsQueryDto {
  @IsOptional() @IsIn([...INTERVALS], { message: `must be one of: ${INTERVALS.join(', ')}` })
  interval?: string;
}

export interface IndicatorsParams {
  orgId: string;
  from: string;
  to: string;
  grouping: Grouping;
  format: Format;
}

export interface TrendParams extends IndicatorsParams {
  indicator: IndicatorName;
  interval: IntervalKind;
}

/** `?orgId=&from=&to=&grouping=`: grouping defaults to wres. */
export function parseIndicatorsQuery(raw: unknown): Checked<IndicatorsParams> {
  const checked = validateDto(IndicatorsQueryDto, raw ?? {});
  if (!checked.ok) return checked;
  const q = checked.value;
  const errors = periodErrors(q.from, q.to);
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: { orgId: q.orgId, from: q.from, to: q.to, grouping: (q.grouping as Grouping | undefined) ?? 'wres', format: (q.format as Format | undefined) ?? 'json' },
  };
}

/** `?orgId=&from=&to=&interval=&grouping=`: interval defaults to month; at most 240 points. */
export function parseTrendQuery(indicator: IndicatorName, raw: unknown): Checked<TrendParams> {
  const key = `${indicator}?${JSON.stringify(raw ?? {})}`;
  let parsed = parsedTrendQueries.get(key);
  if (!parsed) {
    parsed = checkTrendQuery(indicator, raw);
    if (parsedTrendQueries.size >= MEMO_ENTRIES) parsedTrendQueries.clear();
    parsedTrendQueries.set(key, parsed);
  }
  return parsed;
}

/**
 * Dashboards poll the same few trend URLs over and over; the check is a pure function of the query,
 * and running the validators on every poll cost more than answering the 304.
 */
const parsedTrendQueries = new Map<string, Checked<TrendParams>>();
const MEMO_ENTRIES = 1000;

function checkTrendQuery(indicator: IndicatorName, raw: unknown): Checked<TrendParams> {
  const checked = validateDto(TrendQueryDto, raw ?? {});
  if (!checked.ok) return checked;
  const { interval: _interval, ...rest } = (raw ?? {}) as Record<string, unknown>;
  const base = parseIndicatorsQuery(rest);
  if (!base.ok) return base;
  const interval = (checked.value.interval as IntervalKind | undefined) ?? 'month';
  const points = calendarPeriods(dayOf(base.value.from), dayOf(base.value.to), interval).length;
  if (points > MAX_TREND_POINTS) {
    return { ok: false, errors: [{ path: 'interval', message: `gives ${points} points; a trend has at most ${MAX_TREND_POINTS}, so use a longer interval or a shorter period` }] };
  }
  return { ok: true, value: { ...base.value, indicator, interval } };
}
