import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_LOG, type AuditLog } from '@rung/audit';
import { CLOCK, RUNG_CONFIG, type Clock, type RungConfig } from '@rung/platform';
import { SubjectTimelineProjector } from '../subject-timeline/subject-timeline.projector';
import { SUBJECT_TIMELINE_STORE, type SubjectTimelineStore } from '../subject-timeline/subject-timeline.store';
import { dueForErasure } from './due-for-erasure';
import { Erasures } from './erasures.service';
import { planOf, retentionAuditRecord, type DueSubject, type RetentionPlan } from './retention-plan';

const CHUNK = 1000;

/** The retention policy (RETENTION_YEARS_AFTER_EXIT): who is due for erasure as of a date, and erasing them. */
@Injectable()
export class Retention {
  constructor(
    @Inject(SUBJECT_TIMELINE_STORE) private readonly timelines: SubjectTimelineStore,
    private readonly projector: SubjectTimelineProjector,
    private readonly erasures: Erasures,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
    @Inject(RUNG_CONFIG) private readonly config: RungConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The dry run: how many subjects, per organisation, a run as of `today` (YYYY-MM-DD) would erase. */
  async plan(today: string): Promise<RetentionPlan> {
    return planOf(today, this.years, await this.due(today));
  }

  /** Erases exactly the subjects the plan counts, waits until they are gone, and audits the counts. */
  async run(today: string): Promise<RetentionPlan> {
    if (this.years === null) return this.plan(today);
    const due = await this.due(today);
    for (let i = 0; i < due.length; i += CHUNK) await this.erasures.requestStreams(due.slice(i, i + CHUNK));
    await this.erasures.settled();
    const plan = planOf(today, this.years, due);
    await this.audit.append([retentionAuditRecord(plan, this.clock().toISOString())]);
    return plan;
  }

  private get years(): number | null {
    return this.config.retentionYearsAfterExit ?? null;
  }

  /**
   * The stored timelines may lag their streams (another process appended), so each candidate is
   * checked again against their events: an erasure cannot be undone, and a rehire just recorded keeps them.
   */
  private async due(today: string): Promise<DueSubject[]> {
    const years = this.years;
    if (years === null) return [];
    const due: DueSubject[] = [];
    for (const candidate of await this.candidates(today, years)) {
      const current = await this.projector.current(candidate.streamId);
      if (current && dueForErasure(current, today, years)) due.push(candidate);
    }
    return due;
  }

  private async candidates(today: string, years: number): Promise<DueSubject[]> {
    const found: DueSubject[] = [];
    for await (const batch of this.timelines.scan()) {
      for (const t of batch) if (dueForErasure(t, today, years)) found.push({ streamId: t.subjectId, orgId: t.orgId });
    }
    return found;
  }
}
