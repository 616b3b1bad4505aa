import type { Pseudonymiser } from '@rung/platform';
import type { EventPreparer } from './event-preparer';
import { prepareCareerEvents, type PreparedEvent } from './prepare-career-events';

export class InlineEventPreparer implements EventPreparer {
  constructor(private readonly pseudonymiser: Pseudonymiser) {}

  async prepare(raw: readonly unknown[]): Promise<PreparedEvent[]> {
    return prepareCareerEvents(raw, (orgId, ref) => this.pseudonymiser.subjectId(orgId, ref));
  }
}
