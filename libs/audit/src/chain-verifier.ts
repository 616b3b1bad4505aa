import type { AuditEntry, AuditProblemKind, AuditVerification } from './audit-log.port';
import { entryHash, GENESIS_HASH, type ChainHead } from './chain';
import { isUnreadable, type StoredEntry, type UnreadableEntry } from './stored-entry';

/** Problems listed at most; `ok` still counts every one. */
export const MAX_PROBLEMS = 1000;

interface Finding {
  order: number;
  seq: number | null;
  kind: AuditProblemKind;
  detail: string;
}

/** Seqs not seen (yet): an entry stored further on may still fill them, out of order. */
interface Hole {
  from: number;
  to: number;
  order: number;
  cutOff?: boolean;
}

/** Entries stored one after another, in seq order among themselves, but after a later entry. */
interface Run {
  from: number;
  to: number;
  after: number;
  finding: Finding;
}

interface Previous {
  seq: number;
  hash: string;
  intact: boolean;
}

/**
 * Checks a log one stored entry at a time, in stored order, keeping only what problems need.
 * An entry whose hash does not match its content is 'changed'. Seqs never seen are 'removed'; an entry
 * that fills such a gap later is 'reordered'. Two neighbours whose hashes are both intact but do not
 * link mean the first was rewritten with its hash recomputed: 'changed'. The anchor, when given, is
 * the newest entry this process knows it wrote, which catches the newest entries being cut off.
 */
export class ChainVerifier {
  private readonly findings: Finding[] = [];
  private readonly changed = new Set<number>();
  private readonly holes: Hole[] = [];
  private run: Run | null = null;
  private previous: Previous | null = { seq: 0, hash: GENESIS_HASH, intact: true };
  private high = 0;
  private count = 0;
  private head: string | null = null;
  private anchoredHash: string | undefined;

  constructor(private readonly anchor: ChainHead | null = null) {}

  push(item: StoredEntry): void {
    this.count += 1;
    if (isUnreadable(item)) return this.pushUnreadable(item);
    const intact = hashMatches(item);
    // A changed entry may have had its seq changed too: unless that seq fits, it is taken to be in its place.
    const seq = intact || this.fits(item.seq) ? item.seq : this.high + 1;
    if (!intact) this.flagChanged(seq, seq === item.seq ? `entry ${seq} does not match its hash` : `the entry stored as seq ${item.seq} after entry ${this.high} does not match its hash`);
    this.place(seq, intact);
    this.link(item.prevHash, seq, intact);
    this.previous = { seq, hash: item.hash, intact };
    this.head = item.hash;
    if (seq === this.anchor?.seq) this.anchoredHash = item.hash;
  }

  finish(): AuditVerification {
    this.checkAnchor();
    this.holes.forEach((h) => this.add('removed', h.from, missing(h), h.order));
    const problems = [...this.findings].sort((a, b) => a.order - b.order).slice(0, MAX_PROBLEMS);
    return { ok: this.findings.length === 0, entries: this.count, head: this.head, problems: problems.map(({ seq, kind, detail }) => ({ seq, kind, detail })) };
  }

  private pushUnreadable(item: UnreadableEntry): void {
    this.add('unreadable', item.seq, item.detail);
    this.place(item.seq ?? this.high + 1, false);
    this.previous = null;
  }

  private fits(seq: number): boolean {
    return seq === this.high + 1 || this.holes.some((h) => h.from <= seq && seq <= h.to);
  }

  /** Accounts for the seq; `report` is false when the entry already has a problem of its own. */
  private place(seq: number, report: boolean): void {
    if (seq > this.high) {
      if (seq > this.high + 1) this.holes.push({ from: this.high + 1, to: seq - 1, order: this.count - 0.5 });
      this.high = seq;
      this.run = null;
      return;
    }
    const filled = this.fill(seq);
    if (!report) return;
    if (filled) this.reordered(seq);
    else this.flagChanged(seq, `a second entry with seq ${seq} is stored`);
  }

  private fill(seq: number): boolean {
    const i = this.holes.findIndex((h) => h.from <= seq && seq <= h.to);
    if (i < 0) return false;
    const hole = this.holes[i];
    const parts = [{ ...hole, to: seq - 1 }, { ...hole, from: seq + 1 }].filter((p) => p.from <= p.to);
    this.holes.splice(i, 1, ...parts);
    return true;
  }

  private reordered(seq: number): void {
    const run = this.run;
    if (run && run.to === seq - 1 && this.previous?.seq === seq - 1) {
      run.to = seq;
      run.finding.detail = outOfOrder(run);
      return;
    }
    const finding = this.add('reordered', seq, '');
    this.run = { from: seq, to: seq, after: this.high, finding };
    finding.detail = outOfOrder(this.run);
  }

  /** Neighbours in both stored and seq order must link; a break with both hashes intact is a rewrite. */
  private link(prevHash: string, seq: number, intact: boolean): void {
    const prev = this.previous;
    if (!prev || prev.seq !== seq - 1 || prevHash === prev.hash || !intact || !prev.intact) return;
    if (prev.seq === 0) this.flagChanged(seq, `entry ${seq} does not start from the genesis hash`);
    else this.flagChanged(prev.seq, `entry ${seq} is chained to a different entry ${prev.seq}: entry ${prev.seq} was rewritten and its hash recomputed`);
  }

  private checkAnchor(): void {
    const anchor = this.anchor;
    if (!anchor) return;
    if (anchor.seq > this.high) this.holes.push({ from: this.high + 1, to: anchor.seq, order: Number.MAX_SAFE_INTEGER, cutOff: true });
    else if (this.anchoredHash !== undefined && this.anchoredHash !== anchor.hash) {
      this.flagChanged(anchor.seq, `entry ${anchor.seq} is not the entry this process wrote there: its hash differs`);
    }
  }

  private flagChanged(seq: number, detail: string): void {
    if (this.changed.has(seq)) return;
    this.changed.add(seq);
    this.add('changed', seq, detail);
  }

  private add(kind: AuditProblemKind, seq: number | null, detail: string, order = this.count): Finding {
    const finding = { order, seq, kind, detail };
    this.findings.push(finding);
    return finding;
  }
}

/** Verifies stored entries given in stored order; see ChainVerifier. */
export function verifyChain(entries: Iterable<StoredEntry>, anchor: ChainHead | null = null): AuditVerification {
  const verifier = new ChainVerifier(anchor);
  for (const entry of entries) verifier.push(entry);
  return verifier.finish();
}

/** A stored value canonical JSON has no form for (NaN in a tampered document) cannot match. */
function hashMatches(entry: AuditEntry): boolean {
  try {
    return entryHash(entry) === entry.hash;
  } catch {
    return false;
  }
}

function missing(hole: Hole): string {
  const which = hole.from === hole.to ? `entry ${hole.from} is` : `entries ${hole.from} to ${hole.to} are`;
  return hole.cutOff ? `${which} no longer stored, though this process wrote up to entry ${hole.to}` : `${which} missing`;
}

function outOfOrder(run: Run): string {
  const which = run.from === run.to ? `entry ${run.from} is` : `entries ${run.from} to ${run.to} are`;
  return `${which} stored after entry ${run.after}`;
}
