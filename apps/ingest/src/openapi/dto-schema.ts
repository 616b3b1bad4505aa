import type { SchemaObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';

type Described = Partial<SchemaObject>;

/**
 * A JSON schema (OpenAPI 3.0) read from a flat class-validator DTO's decorators, so the document says
 * what the validators check: types, enums, patterns, bounds and which fields are optional. Validators
 * with no JSON-schema counterpart are described by `custom`, by name.
 */
export function schemaFromDto(dto: new () => object, custom: Record<string, Described> = {}): SchemaObject {
  const properties: Record<string, SchemaObject> = {};
  const optional = new Set<string>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    const name = m.propertyName;
    const p = (properties[name] ??= {});
    const [first] = (m.constraints ?? []) as unknown[];
    switch (m.name ?? m.type) {
      case 'isOptional': optional.add(name); break;
      case 'isString': p.type = 'string'; break;
      case 'isBoolean': p.type = 'boolean'; break;
      case 'isInt': p.type = 'integer'; break;
      case 'isNumber': p.type ??= 'number'; break;
      case 'isObject': p.type = 'object'; break;
      case 'isIn': p.enum = [...(first as unknown[])]; break;
      case 'matches': p.type = 'string'; p.pattern = (first as RegExp).source; break;
      case 'min': p.minimum = first as number; break;
      case 'max': p.maximum = first as number; break;
      case 'isUuid': p.type = 'string'; p.format = 'uuid'; break;
      case 'isIso8601': p.type = 'string'; p.description = 'An ISO 8601 date (YYYY-MM-DD) or date-time.'; p.example ??= '2024-03-01'; break;
      default: Object.assign(p, custom[m.name ?? ''] ?? {});
    }
  }
  for (const p of Object.values(properties)) if (p.enum && !p.type) p.type = typeof p.enum[0] === 'number' ? 'number' : 'string';
  const required = Object.keys(properties).filter((k) => !optional.has(k));
  return { type: 'object', additionalProperties: false, properties, ...(required.length ? { required } : {}) };
}
