import type { ExamplesObject, SchemaObject } from '@nestjs/swagger';
import { buildEventCatalogue, eventJsonSchema } from '@rung/contracts';
import { groupOf } from '@rung/domain';
import { openApiSchemaOf } from './json-schema-to-openapi';

const catalogue = buildEventCatalogue({ groupOf });

/**
 * Any career event (§4): the event catalogue's JSON Schema of each type (docs/schemas, read from the
 * class-validator DTOs that POST /v1/events applies), in OpenAPI 3.0 form.
 */
export const CAREER_EVENT_SCHEMA: SchemaObject = {
  description: 'A career event: the envelope, with `data` as its `type` requires. `subjectRef` is pseudonymised on arrival and never stored.',
  oneOf: catalogue.eventTypes.map((doc) => openApiSchemaOf(eventJsonSchema(catalogue, doc))),
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
