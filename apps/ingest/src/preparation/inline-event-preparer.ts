import { keyedPseudonyms, type Pseudonyms } from '@rung/domain';
import type { EventPreparer } from './event-preparer';
import { prepareCareerEvents, type PreparedEvent } from './prepare-career-events';

export class InlineEventPreparer implements EventPreparer {
  private readonly pseudonyms: Pseudonyms;

  constructor(key: Buffer) {
    this.pseudonyms = keyedPseudonyms(key);
  }

  async prepare(raw: readonly unknown[]): Promise<PreparedEvent[]> {
    return prepareCareerEvents(raw, this.pseudonyms);
  }
}
