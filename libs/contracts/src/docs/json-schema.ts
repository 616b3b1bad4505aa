import type { EventCatalogue, EventTypeDoc, FieldDoc } from './catalogue';
import { gradesInOrder } from './markdown';

export type JsonSchema = { [keyword: string]: unknown };

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
const GENERATED = 'Generated from libs/contracts/src by `npm run docs:events`; do not edit.';
const SHAPE_ONLY =
  'Checks shapes only: Rung also refuses direct identifiers and free text in any string, readable codes that look like ' +
  'a date, a phone, NHS or personal number, a postcode or a name, occurredAt outside 1900–2100, and what docs/events.md lists.';

/** The UUIDs class-validator's isUUID('all') accepts (validator.js), case-insensitively. */
export const UUID_PATTERN =
  '^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|[fF]{8}-[fF]{4}-[fF]{4}-[fF]{4}-[fF]{12})$';
/** The common ISO 8601 forms: a calendar date, optionally with a time and an offset (Rung accepts other ISO 8601 forms too). */
export const ISO_DATE_PATTERN =
  '^\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])(?:T(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:[.,]\\d+)?)?(?:Z|[+-](?:[01]\\d|2[0-3])(?::?[0-5]\\d)?)?)?$';

/** The shape of a readable code (direct-identifiers.ts): lowercase letters and digits in parts joined by - or _. */
export function readableCodePattern(maxParts: number): string {
  return `^[a-z0-9]+(?:[-_][a-z0-9]+){0,${maxParts - 1}}$`;
}

/** `docs/schemas/<file>` → schema: `envelope.schema.json` and one `<EventType>.schema.json` per type. */
export function eventJsonSchemas(catalogue: EventCatalogue): Record<string, JsonSchema> {
  const files: Record<string, JsonSchema> = { 'envelope.schema.json': envelopeJsonSchema(catalogue) };
  for (const doc of catalogue.eventTypes) files[`${doc.type}.schema.json`] = eventJsonSchema(catalogue, doc);
  return files;
}

/** Any event: the envelope, with `data` left to the schema of its type. */
export function envelopeJsonSchema(catalogue: EventCatalogue): JsonSchema {
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $comment: GENERATED,
    title: 'Career event envelope',
    description: `The envelope every career event shares; data is checked by <type>.schema.json. ${SHAPE_ONLY}`,
    ...objectOf(catalogue, catalogue.envelope),
  };
}

/** One event type, envelope and data, at its current schema version. */
export function eventJsonSchema(catalogue: EventCatalogue, doc: EventTypeDoc): JsonSchema {
  const envelope = objectOf(catalogue, catalogue.envelope) as { properties: Record<string, JsonSchema> };
  const properties: Record<string, JsonSchema> = {
    ...envelope.properties,
    type: { description: envelope.properties.type.description, const: doc.type },
    schemaVersion: {
      description: `${envelope.properties.schemaVersion.description} This schema is version ${doc.schemaVersion}.`,
      const: doc.schemaVersion,
    },
    data: { description: envelope.properties.data.description, ...objectOf(catalogue, doc.fields), ...gradeRules(catalogue, doc.fields) },
  };
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $comment: GENERATED,
    title: doc.type,
    description: `${doc.description} Kafka topic: ${doc.topic}. ${SHAPE_ONLY}`,
    ...envelope,
    properties,
    examples: [doc.example],
  };
}

function objectOf(catalogue: EventCatalogue, fields: FieldDoc[]): JsonSchema {
  return {
    type: 'object',
    required: fields.filter((f) => f.required).map((f) => f.name),
    additionalProperties: false,
    properties: Object.fromEntries(fields.map((f) => [f.name, fieldSchema(catalogue, f)])),
  };
}

function fieldSchema(catalogue: EventCatalogue, field: FieldDoc): JsonSchema {
  const description = field.description;
  const rule = field.rule;
  switch (rule.kind) {
    case 'enum':
      return { description, type: rule.values.every((v) => typeof v === 'string') ? 'string' : ['string', 'number'], enum: [...rule.values] };
    case 'pattern':
      if (field.refinement === 'grade-scheme') return { description, type: 'string', enum: Object.keys(catalogue.gradeSchemes) };
      return { description, type: 'string', pattern: rule.pattern.source };
    case 'readable-code':
      return { description, type: 'string', maxLength: catalogue.readableCode.maxLength, pattern: readableCodePattern(catalogue.readableCode.maxParts) };
    case 'uuid':
      return { description, type: 'string', pattern: UUID_PATTERN };
    case 'iso-date':
      return { description, type: 'string', pattern: ISO_DATE_PATTERN };
    case 'integer':
    case 'number':
      return { description, type: rule.kind, ...bounds(rule.minimum, rule.maximum) };
    case 'boolean':
      return { description, type: 'boolean' };
    case 'object':
      return { description, type: 'object' };
    default: {
      const unexpected: never = rule;
      throw new Error(`no JSON Schema for ${JSON.stringify(unexpected)}`);
    }
  }
}

function bounds(minimum?: number, maximum?: number): JsonSchema {
  return { ...(minimum === undefined ? {} : { minimum }), ...(maximum === undefined ? {} : { maximum }) };
}

/** Each grade field must be a grade of the scheme the event names (refinements.ts). */
function gradeRules(catalogue: EventCatalogue, fields: FieldDoc[]): JsonSchema {
  const grades = fields.filter((f) => f.refinement === 'grade').map((f) => f.name);
  const scheme = fields.find((f) => f.refinement === 'grade-scheme')?.name;
  if (!scheme || grades.length === 0) return {};
  return {
    allOf: Object.entries(catalogue.gradeSchemes).map(([id, levels]) => ({
      if: { properties: { [scheme]: { const: id } }, required: [scheme] },
      then: { properties: Object.fromEntries(grades.map((g) => [g, { enum: gradesInOrder(levels) }])) },
    })),
  };
}
