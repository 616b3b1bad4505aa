import type { CareerEvent } from '@rung/contracts';

export interface ExampleSubject {
  label: string;
  orgId: string;
  subjectRef: string;
}

/** Watches the demo data go by and remembers a few subjects worth looking at. */
export class ExamplePicker {
  private readonly mentees = new Set<string>();
  private readonly hired = new Set<string>();
  private readonly externalApplicants: string[] = [];
  private readonly picked = new Map<string, string>();

  observe(events: readonly CareerEvent[]): void {
    for (const e of events) {
      const key = `${e.orgId}/${e.subjectRef}`;
      if (e.type === 'ProgrammeEnrolled' && e.data.programmeKind === 'mentoring' && e.data.role === 'participant') this.mentees.add(key);
      else if (e.type === 'PromotionGranted' && this.mentees.has(key)) this.pick('A mentoring participant, promoted after enrolment', key);
      else if (e.type === 'EmployeeLeft') this.pick('A leaver', key);
      else if (e.type === 'EventRetracted') this.pick('A subject with a wrongly keyed event, retracted', key);
      else if (e.type === 'EmployeeHired') this.hired.add(key);
      else if (e.type === 'ApplicationSubmitted' && !e.data.internal && this.externalApplicants.length < 50) this.externalApplicants.push(key);
    }
  }

  examples(): ExampleSubject[] {
    const applicant = this.externalApplicants.find((key) => !this.hired.has(key));
    if (applicant) this.pick('An external applicant who was never hired', applicant);
    return [...this.picked].map(([label, key]) => {
      const [orgId, subjectRef] = key.split('/');
      return { label, orgId, subjectRef };
    });
  }

  private pick(label: string, key: string): void {
    if (!this.picked.has(label)) this.picked.set(label, key);
  }
}
