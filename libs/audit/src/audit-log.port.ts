export type Disclosure = 'protected' | 'exact';

/** What a caller records: one request, or one administrative act (§8). */
export interface AuditRecord {
  /** ISO instant, passed in: the log never reads the clock. */
  at: string;
  /** Null when no valid key was offered. */
  keyId: string | null;
  /** The key's roles; [] when there is no key. */
  roles: string[];
  /** What was done, e.g. 'study.report.read', 'keys.create', 'auth.denied'. */
  action: string;
  /** The HTTP method. */
  method: string;
  /** The route pattern, e.g. '/v1/studies/:id/report', never the raw URL. */
  route: string;
  orgIds: string[];
  /** Query parameters; the caller strips raw subjectRefs. */
  query: Record<string, string>;
  status: number;
  disclosure: Disclosure | null;
  correlationId?: string;
}

/** A stored record: its place in the log and its link in the hash chain. */
export interface AuditEntry extends AuditRecord {
  seq: number;
  prevHash: string;
  hash: string;
}

/** Every field optional; `from` and `to` are inclusive instants (a date alone is its midnight UTC). */
export interface AuditFilter {
  from?: string;
  to?: string;
  keyId?: string;
  action?: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Opaque; null when there is nothing after this page. */
  next: string | null;
}

export type AuditProblemKind = 'changed' | 'removed' | 'reordered' | 'unreadable';

export interface AuditProblem {
  seq: number | null;
  kind: AuditProblemKind;
  detail: string;
}

export interface AuditVerification {
  ok: boolean;
  /** Stored entries read, unreadable ones included. */
  entries: number;
  /** The hash of the last readable entry read: the value to anchor elsewhere. */
  head: string | null;
  problems: AuditProblem[];
}

export interface AuditLog {
  /** Resolves once every record is durable (fdatasync'd, or acknowledged by MongoDB). */
  append(records: readonly AuditRecord[]): Promise<void>;
  /** Oldest first. */
  page(filter: AuditFilter, cursor: string | null, limit: number): Promise<AuditPage>;
  /** Recomputes the chain over what is stored, not over a copy in memory. */
  verify(): Promise<AuditVerification>;
  /** Stops new appends and waits for those under way. */
  close(): Promise<void>;
}

export const AUDIT_LOG = Symbol('AUDIT_LOG');

/** The most entries one page holds. */
export const MAX_AUDIT_PAGE = 1000;
