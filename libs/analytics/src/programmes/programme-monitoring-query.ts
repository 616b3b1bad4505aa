import { IsIn, IsOptional, Matches } from 'class-validator';
import { LEVELS, ORG_ID, PROGRAMME_KINDS, type Grouping, type Level, type ProgrammeKind } from '@rung/contracts';
import type { Format } from '../common/query-params';
import { validateDto, type Checked } from '../common/validation';
import { PeriodQueryDto, periodErrors } from '../indicators/indicator-query';

/** `levels=1,2`: one or more levels from 1 to 7, comma-separated. */
const LEVEL_LIST = /^[1-7](,[1-7])*$/;

class ProgrammeMonitoringQueryDto extends PeriodQueryDto {
  @IsOptional() @IsIn([...PROGRAMME_KINDS], { message: `must be one of: ${PROGRAMME_KINDS.join(', ')}` })
  programmeKind?: string;

  @IsOptional() @Matches(LEVEL_LIST, { message: `must be levels from ${LEVELS[0]} to ${LEVELS[LEVELS.length - 1]}, comma-separated (e.g. 1,2)` })
  levels?: string;
}

export interface ProgrammeMonitoringParams {
  orgId: string;
  from: string;
  to: string;
  grouping: Grouping;
  /** Only this kind of programme; null for every kind. */
  programmeKind: ProgrammeKind | null;
  /** The eligible levels, ascending: every level unless `levels=` names some. */
  levels: Level[];
  format: Format;
}

/**
 * `GET /v1/programmes/{orgId}/monitoring?from=&to=&grouping=&programmeKind=&levels=&format=`: grouping
 * defaults to wres, programmeKind to every kind, levels to every level; the period is at most 50 years.
 */
export function parseProgrammeMonitoringQuery(orgId: string, raw: unknown): Checked<ProgrammeMonitoringParams> {
  if (!ORG_ID.test(orgId)) return { ok: false, errors: [{ path: 'orgId', message: 'must be an organisation id (a lower-case slug)' }] };
  const checked = validateDto(ProgrammeMonitoringQueryDto, raw ?? {});
  if (!checked.ok) return checked;
  const q = checked.value;
  const errors = periodErrors(q.from, q.to);
  if (errors.length) return { ok: false, errors };
  const levels = q.levels === undefined ? [...LEVELS] : [...new Set(q.levels.split(',').map(Number) as Level[])].sort((a, b) => a - b);
  return {
    ok: true,
    value: {
      orgId, from: q.from, to: q.to, grouping: (q.grouping as Grouping | undefined) ?? 'wres',
      programmeKind: (q.programmeKind as ProgrammeKind | undefined) ?? null, levels, format: (q.format as Format | undefined) ?? 'json',
    },
  };
}
