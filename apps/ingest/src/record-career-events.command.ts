import { Command } from '@nestjs/cqrs';
import type { FieldError } from '@rung/contracts';

export type EventResultStatus = 'stored' | 'duplicate' | 'rejected';

export interface EventResult {
  eventId: string | null;
  status: EventResultStatus;
  errors?: FieldError[];
}

export interface RecordingReport {
  accepted: number;
  duplicates: number;
  rejected: number;
  results: EventResult[];
}

/** Record a batch of raw career events as HR sent them: validate, pseudonymise, append per subject. */
export class RecordCareerEvents extends Command<RecordingReport> {
  constructor(readonly events: readonly unknown[]) {
    super();
  }
}
