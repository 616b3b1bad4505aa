import { IsISO8601, IsInt, IsObject, IsString, IsUUID, Matches, Min } from 'class-validator';
import { EVENT_TYPES } from '../event-types';
import { ORG_ID } from '../codes';
import { Code, OneOf, ReadableCode } from './decorators';

/** The envelope of §4. `data` is validated separately, by the DTO of the event's type. */
export class CareerEventEnvelope {
  @IsString({ message: 'must be a string' }) @IsUUID('all', { message: 'must be a UUID' })
  eventId!: string;

  @OneOf(EVENT_TYPES)
  type!: string;

  @IsInt({ message: 'must be an integer' }) @Min(1, { message: 'must be 1 or more' })
  schemaVersion!: number;

  @IsString({ message: 'must be a string' })
  @Matches(ORG_ID, { message: 'must be a lower-case slug (a-z, 0-9 and -, at most 63 characters)' })
  orgId!: string;

  @Code()
  subjectRef!: string;

  @IsString({ message: 'must be a string' })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'must be an ISO 8601 date or date-time' })
  occurredAt!: string;

  @ReadableCode()
  source!: string;

  @IsObject({ message: 'must be an object' })
  data!: Record<string, unknown>;
}
