import type { ExamplesObject, SchemaObject } from '@nestjs/swagger';
import { READABLE_CODE_MAX_LENGTH, READABLE_CODE_MESSAGE } from '@rung/contracts';
import { LISTED_FIELDS } from '../code-lists/code-lists';

const CODE_LIST: SchemaObject = {
  type: 'array', minItems: 1, maxItems: 1000,
  items: { type: 'string', maxLength: READABLE_CODE_MAX_LENGTH, description: READABLE_CODE_MESSAGE },
};

/** `PUT /v1/admin/code-lists/{orgId}` (parseCodeLists): a list per field; fields left out keep the shape rules only. */
export const CODE_LISTS_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(LISTED_FIELDS.map((field) => [field, CODE_LIST])),
};

export const CODE_LISTS_EXAMPLES: ExamplesObject = {
  lists: { summary: 'Pin job families and sources', value: { jobFamily: ['nursing', 'allied-health', 'admin-clerical'], source: ['esr'] } },
};

export const ORG_CODE_LISTS_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['orgId', 'lists'],
  properties: { orgId: { type: 'string' }, lists: CODE_LISTS_SCHEMA },
};
