import type { SchemaObject } from '@nestjs/swagger';
import type { JsonSchema } from '@rung/contracts';

/** Keywords of JSON Schema 2020-12 that OpenAPI 3.0's schema object does not have; their checks stay in docs/schemas. */
const DROPPED = new Set(['$schema', '$comment', 'allOf', 'if', 'then']);

/**
 * The OpenAPI 3.0 form of one of the event JSON Schemas (docs/schemas), so that /docs-json and the
 * schema files are read from the DTOs once, by the event catalogue: `const` becomes a one-value enum,
 * `examples` its first `example`, a type list drops its `type`, an empty `required` is left out (3.0 wants one or
 * more), and conditional grade rules are left out.
 */
export function openApiSchemaOf(schema: JsonSchema): SchemaObject {
  const out: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (DROPPED.has(keyword)) continue;
    if (keyword === 'const') out.enum = [value];
    else if (keyword === 'examples') out.example = (value as unknown[])[0];
    else if (keyword === 'type' && Array.isArray(value)) continue;
    else if (keyword === 'required' && (value as unknown[]).length === 0) continue;
    else if (keyword === 'properties') out.properties = Object.fromEntries(Object.entries(value as Record<string, JsonSchema>).map(([k, v]) => [k, openApiSchemaOf(v)]));
    else out[keyword] = value;
  }
  return out as SchemaObject;
}
