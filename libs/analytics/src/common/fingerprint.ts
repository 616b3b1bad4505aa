import { isSmallCount } from '@rung/stats';
import type { SubjectTimeline } from '@rung/projections';

/**
 * Which data a figure was computed from: how many subjects and events (the sum of the timelines'
 * stream versions), and an order-free hash of every (subject, version) pair. Two computations with the
 * same fingerprint saw the same timelines; it survives restarts, unlike in-process counters.
 */
export interface DataVersion {
  /** null when from 1 to k − 1 (disclosure control, like every published count). */
  subjects: number | null;
  events: number | null;
  fingerprint: string;
}

/** The data version as published: its counts go through the same small-count rule as any other. */
export function disclosedVersion(v: DataVersion, k: number): DataVersion {
  const shown = (n: number | null): number | null => (n !== null && isSmallCount(n, k) ? null : n);
  return { subjects: shown(v.subjects), events: shown(v.events), fingerprint: v.fingerprint };
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashOf(subjectId: string, version: number): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < subjectId.length; i++) {
    h ^= subjectId.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  h ^= version;
  h = Math.imul(h, FNV_PRIME);
  h ^= h >>> 15;
  return h >>> 0;
}

class Accumulator {
  subjects = 0;
  events = 0;
  xor = 0;
  sum = 0;

  add(t: SubjectTimeline): void {
    const h = hashOf(t.subjectId, t.version);
    this.subjects += 1;
    this.events += t.version;
    this.xor = (this.xor ^ h) >>> 0;
    this.sum = (this.sum + h) >>> 0;
  }

  merge(other: Accumulator): void {
    this.subjects += other.subjects;
    this.events += other.events;
    this.xor = (this.xor ^ other.xor) >>> 0;
    this.sum = (this.sum + other.sum) >>> 0;
  }

  version(): DataVersion {
    const hex = (n: number): string => n.toString(16).padStart(8, '0');
    return { subjects: this.subjects, events: this.events, fingerprint: `${hex(this.xor)}${hex(this.sum)}` };
  }
}

/** Fingerprints per organisation, accumulated over a scan. */
export class OrgFingerprints {
  private readonly byOrg = new Map<string, Accumulator>();

  add(t: SubjectTimeline): void {
    let acc = this.byOrg.get(t.orgId);
    if (!acc) {
      acc = new Accumulator();
      this.byOrg.set(t.orgId, acc);
    }
    acc.add(t);
  }

  of(orgId: string): DataVersion {
    return (this.byOrg.get(orgId) ?? new Accumulator()).version();
  }

  /** The fingerprint of several organisations together. */
  combined(orgIds: readonly string[]): DataVersion {
    const all = new Accumulator();
    for (const org of orgIds) {
      const acc = this.byOrg.get(org);
      if (acc) all.merge(acc);
    }
    return all.version();
  }
}
