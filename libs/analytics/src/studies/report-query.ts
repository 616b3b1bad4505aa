import { AsOfQueryDto, CommonQueryDto, type Format } from '../common/query-params';
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

/** `?format=` on a frozen checkpoint. */
export function parseFormatQuery(raw: unknown): Checked<{ format: Format }> {
  const checked = validateDto(CommonQueryDto, raw ?? {});
  if (!checked.ok) return checked;
  return { ok: true, value: { format: (checked.value.format as Format | undefined) ?? 'json' } };
}
