import { IsIn, IsOptional } from 'class-validator';
import { AsOfQueryDto, CommonQueryDto, type Format } from '../common/query-params';
import { REPORT_PARTS, type ReportPart } from './study-report-parts.csv';
import { validateDto, type Checked } from '../common/validation';

export interface ReportParams {
  asOf?: string;
  format: Format;
}

/** `?asOf=&format=` on a study report or a cohort read. */
export function parseReportQuery(raw: unknown): Checked<ReportParams> {
  const checked = validateDto(AsOfQueryDto, raw ?? {});
  if (!checked.ok) return checked;
  const { asOf, format } = checked.value;
  return { ok: true, value: { ...(asOf !== undefined ? { asOf } : {}), format: (format as Format | undefined) ?? 'json' } };
}

const PART_MESSAGE = `must be one of: ${REPORT_PARTS.join(', ')}`;

class StudyReportQueryDto extends AsOfQueryDto {
  @IsOptional() @IsIn([...REPORT_PARTS], { message: PART_MESSAGE })
  part?: string;
}

class CheckpointQueryDto extends CommonQueryDto {
  @IsOptional() @IsIn([...REPORT_PARTS], { message: PART_MESSAGE })
  part?: string;
}

export interface StudyReportParams extends ReportParams {
  /** Which part a CSV gives; the JSON is always the whole report. */
  part: ReportPart;
}

/** `?asOf=&format=&part=` on a study report. */
export function parseStudyReportQuery(raw: unknown): Checked<StudyReportParams> {
  const checked = validateDto(StudyReportQueryDto, raw ?? {});
  if (!checked.ok) return checked;
  const { asOf, format, part } = checked.value;
  return { ok: true, value: { ...(asOf !== undefined ? { asOf } : {}), format: (format as Format | undefined) ?? 'json', part: (part as ReportPart | undefined) ?? 'curves' } };
}

/** `?format=&part=` on a frozen checkpoint. */
export function parseCheckpointQuery(raw: unknown): Checked<{ format: Format; part: ReportPart }> {
  const checked = validateDto(CheckpointQueryDto, raw ?? {});
  if (!checked.ok) return checked;
  return { ok: true, value: { format: (checked.value.format as Format | undefined) ?? 'json', part: (checked.value.part as ReportPart | undefined) ?? 'curves' } };
}
