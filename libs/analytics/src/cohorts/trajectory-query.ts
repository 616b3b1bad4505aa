import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { AsOfQueryDto, type Format } from '../common/query-params';
import { INTERVALS, type IntervalKind } from '../common/intervals';
import { validateDto, type Checked } from '../common/validation';
import { MAX_HORIZON_MONTHS } from '../studies/study-definition.dto';
import { ESTIMATORS, OUTCOME_NAMES, defaultEstimator, estimatorApplies, type Estimator, type OutcomeName } from './outcomes';

export const DEFAULT_HORIZON_MONTHS = 36;

class TrajectoryQueryDto extends AsOfQueryDto {
  @IsDefined() @IsIn([...OUTCOME_NAMES], { message: `must be one of: ${OUTCOME_NAMES.join(', ')}` })
  outcome!: string;

  @IsOptional() @IsIn([...INTERVALS], { message: `must be one of: ${INTERVALS.join(', ')}` })
  interval?: string;

  @IsOptional() @Type(() => Number) @IsInt({ message: `must be a whole number of months from 1 to ${MAX_HORIZON_MONTHS}` })
  @Min(1, { message: `must be a whole number of months from 1 to ${MAX_HORIZON_MONTHS}` })
  @Max(MAX_HORIZON_MONTHS, { message: `must be a whole number of months from 1 to ${MAX_HORIZON_MONTHS}` })
  horizonMonths?: number;

  @IsOptional() @IsIn([...ESTIMATORS], { message: `must be one of: ${ESTIMATORS.join(', ')}` })
  estimator?: string;
}

export interface TrajectoryParams {
  outcome: OutcomeName;
  interval: IntervalKind;
  horizonMonths: number;
  estimator: Estimator;
  asOf?: string;
  format: Format;
}

/** `?outcome=&interval=&horizonMonths=&estimator=&asOf=&format=`: defaults month, 36 months, the outcome's own estimator. */
export function parseTrajectoryQuery(raw: unknown): Checked<TrajectoryParams> {
  const checked = validateDto(TrajectoryQueryDto, raw ?? {});
  if (!checked.ok) return checked;
  const q = checked.value;
  const errors: Array<{ path: string; message: string }> = [];
  const outcome = q.outcome as OutcomeName;
  const estimator = (q.estimator as Estimator | undefined) ?? defaultEstimator(outcome);
  if (!estimatorApplies(outcome, estimator)) {
    errors.push({ path: 'estimator', message: 'aalen-johansen needs a competing event; exit has none, use kaplan-meier' });
  }
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      outcome,
      interval: (q.interval as IntervalKind | undefined) ?? 'month',
      horizonMonths: q.horizonMonths ?? DEFAULT_HORIZON_MONTHS,
      estimator,
      ...(q.asOf !== undefined ? { asOf: q.asOf } : {}),
      format: (q.format as Format | undefined) ?? 'json',
    },
  };
}
