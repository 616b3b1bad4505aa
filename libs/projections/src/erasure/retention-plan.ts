import type { AuditRecord } from '@rung/audit';

/** What retention erases (or would erase) as of a date: counts only, never who. */
export interface RetentionPlan {
  asOf: string;
  /** null when RETENTION_YEARS_AFTER_EXIT is unset: everyone is kept. */
  years: number | null;
  byOrg: Array<{ orgId: string; subjects: number }>;
  total: number;
}

export interface DueSubject {
  streamId: string;
  orgId: string;
}

export function planOf(asOf: string, years: number | null, due: readonly DueSubject[]): RetentionPlan {
  const counts = new Map<string, number>();
  for (const { orgId } of due) counts.set(orgId, (counts.get(orgId) ?? 0) + 1);
  const byOrg = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([orgId, subjects]) => ({ orgId, subjects }));
  return { asOf, years, byOrg, total: due.length };
}

/** The audit entry of a retention run: a scheduled job, so no key, method or route of a request. */
export function retentionAuditRecord(plan: RetentionPlan, at: string): AuditRecord {
  return {
    at, keyId: null, roles: [], action: 'retention.run', method: 'JOB', route: 'retention',
    orgIds: plan.byOrg.map((o) => o.orgId),
    query: { years: String(plan.years), asOf: plan.asOf, erased: String(plan.total), byOrg: plan.byOrg.map((o) => `${o.orgId}:${o.subjects}`).join(',') },
    status: 200, disclosure: null,
  };
}
