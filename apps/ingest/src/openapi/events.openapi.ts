import type { ExamplesObject, SchemaObject } from '@nestjs/swagger';
import {
  CareerEventEnvelope, DATA_DTO_BY_TYPE, EVENT_TYPES, READABLE_CODE_MAX_LENGTH, READABLE_CODE_MESSAGE, type EventType,
} from '@rung/contracts';
import { schemaFromDto } from './dto-schema';

/** Validators of @rung/contracts with no JSON-schema keyword of their own. */
const CUSTOM = {
  readableCode: { type: 'string', maxLength: READABLE_CODE_MAX_LENGTH, description: `${READABLE_CODE_MESSAGE}; never a date, phone, NHS or National Insurance number, postcode, e-mail address or name.` },
} satisfies Record<string, Partial<SchemaObject>>;

/** One event of a type: the envelope with `type` fixed and `data` checked by that type's DTO. */
function eventOfType(type: EventType): SchemaObject {
  const envelope = schemaFromDto(CareerEventEnvelope, CUSTOM);
  return {
    ...envelope,
    title: type,
    properties: { ...envelope.properties, type: { type: 'string', enum: [type] }, data: schemaFromDto(DATA_DTO_BY_TYPE[type], CUSTOM) },
  };
}

/** Any career event (§4), generated from the class-validator DTOs that POST /v1/events applies. */
export const CAREER_EVENT_SCHEMA: SchemaObject = {
  description: 'A career event: the envelope, with `data` as its `type` requires. `subjectRef` is pseudonymised on arrival and never stored.',
  oneOf: EVENT_TYPES.map(eventOfType),
  discriminator: { propertyName: 'type' },
};

export const EVENTS_BODY_SCHEMA: SchemaObject = {
  description: 'One event, or a batch `{ "events": [ … ] }` of 1 to MAX_BATCH_EVENTS (default 1,000) events.',
  oneOf: [
    CAREER_EVENT_SCHEMA,
    { type: 'object', title: 'batch', additionalProperties: false, required: ['events'], properties: { events: { type: 'array', minItems: 1, items: CAREER_EVENT_SCHEMA } } },
  ],
};

const HIRED = {
  eventId: '0b8f6a8e-4f3e-4a53-9a7f-2b0c1d2e3f40', type: 'EmployeeHired', schemaVersion: 1, orgId: 'rx1-trust', subjectRef: 'E123456',
  occurredAt: '2020-01-06', source: 'esr', data: { grade: '5', gradeScheme: 'afc', contractType: 'permanent' },
};
const PROMOTED = {
  eventId: '0b8f6a8e-4f3e-4a53-9a7f-2b0c1d2e3f41', type: 'PromotionGranted', schemaVersion: 1, orgId: 'rx1-trust', subjectRef: 'E123456',
  occurredAt: '2024-03-01', source: 'esr', data: { fromGrade: '5', toGrade: '6', gradeScheme: 'afc', basis: 'competitive' },
};

export const EVENTS_BODY_EXAMPLES: ExamplesObject = {
  batch: { summary: 'A batch of two events', value: { events: [HIRED, PROMOTED] } },
  single: { summary: 'One event', value: HIRED },
};

export const RECORDING_REPORT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['accepted', 'duplicates', 'rejected', 'results'],
  properties: {
    accepted: { type: 'integer' },
    duplicates: { type: 'integer', description: 'Events already stored with the same body: nothing is stored twice.' },
    rejected: { type: 'integer' },
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['eventId', 'status'],
        properties: {
          eventId: { type: 'string', nullable: true },
          status: { type: 'string', enum: ['stored', 'duplicate', 'rejected'] },
          errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
    },
  },
  example: { accepted: 2, duplicates: 0, rejected: 0, results: [{ eventId: HIRED.eventId, status: 'stored' }, { eventId: PROMOTED.eventId, status: 'stored' }] },
};
