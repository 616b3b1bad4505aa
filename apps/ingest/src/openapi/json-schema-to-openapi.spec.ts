import { buildEventCatalogue, eventJsonSchema } from '@rung/contracts';
import { groupOf } from '@rung/domain';
import { openApiSchemaOf } from './json-schema-to-openapi';

describe('an event JSON Schema in OpenAPI 3.0 form', () => {
  const catalogue = buildEventCatalogue({ groupOf });
  const hired = catalogue.eventTypes.find((d) => d.type === 'EmployeeHired')!;
  const json = eventJsonSchema(catalogue, hired) as { properties: Record<string, Record<string, unknown>> & { data: { properties: Record<string, unknown> } } };
  const api = openApiSchemaOf(eventJsonSchema(catalogue, hired)) as typeof json & { example?: unknown };

  it('keeps every field rule the schema file has: patterns, enums, bounds, required, no extra properties', () => {
    expect(api.properties.eventId).toEqual(json.properties.eventId);
    expect(api.properties.data.properties).toEqual(json.properties.data.properties);
    expect((api as unknown as { required: string[] }).required).toEqual((json as unknown as { required: string[] }).required);
    expect((api as unknown as { additionalProperties: boolean }).additionalProperties).toBe(false);
  });

  it('turns const into a one-value enum, examples into example, and leaves out what 3.0 lacks', () => {
    expect(api.properties.type).toMatchObject({ enum: ['EmployeeHired'] });
    expect(api.properties.type).not.toHaveProperty('const');
    expect(api.example).toEqual(hired.example);
    const text = JSON.stringify(api);
    for (const keyword of ['"$schema"', '"$comment"', '"allOf"', '"if"', '"then"', '"const"', '"examples"']) expect(text).not.toContain(keyword);
  });
});
