import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { isISO8601, isUUID } from 'class-validator';
import { groupOf } from '@rung/domain';
import { SAMPLE_DATA, rawEvent } from '@rung/testing';
import { EVENT_TYPES, type EventType } from '../event-types';
import { DATA_FIELD_DESCRIPTIONS } from '../field-descriptions';
import { READABLE_CODE_MESSAGE, readableCodeProblem } from '../direct-identifiers';
import { validateCareerEvent } from '../validate-career-event';
import {
  ISO_DATE_PATTERN, UUID_PATTERN, buildEventCatalogue, eventJsonSchemas, exampleEvent, generateEventDocs,
  readableCodePattern,
} from '.';

const ROOT = join(__dirname, '..', '..', '..', '..');
const REGENERATE = 'run `npm run docs:events` and commit the result';

describe('docs/events.md and docs/schemas/', () => {
  const generated = generateEventDocs(groupOf);

  it('are what the contract catalogue generates', () => {
    const onDisk = ['docs/events.md', ...readdirSync(join(ROOT, 'docs/schemas')).map((f) => `docs/schemas/${f}`)];
    const stale = [
      ...Object.entries(generated).filter(([file, text]) => read(file) !== text).map(([file]) => `${file} differs`),
      ...onDisk.filter((file) => !(file in generated)).map((file) => `${file} is not generated any more`),
    ];
    if (stale.length > 0) throw new Error(`event docs are out of date (${stale.join('; ')}): ${REGENERATE}`);
  });

  it('document every event type and link every schema file', () => {
    const markdown = generated['docs/events.md'];
    for (const type of EVENT_TYPES) {
      expect(markdown).toContain(`### ${type}\n`);
      expect(markdown).toContain(`(schemas/${type}.schema.json)`);
      expect(generated).toHaveProperty([`docs/schemas/${type}.schema.json`]);
    }
  });
});

function read(file: string): string | undefined {
  try {
    return readFileSync(join(ROOT, file), 'utf8');
  } catch {
    return undefined;
  }
}

describe('the catalogue behind the docs', () => {
  const catalogue = buildEventCatalogue({ groupOf });

  it('describes exactly the fields each DTO validates', () => {
    for (const doc of catalogue.eventTypes) {
      expect(Object.keys(DATA_FIELD_DESCRIPTIONS[doc.type]).sort()).toEqual(doc.fields.map((f) => f.name).sort());
    }
  });

  it('finds every grade field the validator checks against its scheme', () => {
    for (const doc of catalogue.eventTypes) {
      for (const field of doc.fields.filter((f) => f.refinement === 'grade')) {
        const result = validateCareerEvent(exampleEvent(doc.type, { ...doc.example.data as object, [field.name]: 'Z9' }));
        expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ path: `data.${field.name}` })] });
      }
    }
  });

  it('links every enum field of data to a code list', () => {
    const unlisted = catalogue.eventTypes.flatMap((t) => t.fields.filter((f) => f.rule.kind === 'enum' && !f.codeList).map((f) => `${t.type}.${f.name}`));
    expect(unlisted).toEqual([]);
  });

  it('refuses the identifier field names the docs name', () => {
    for (const key of ['name', 'firstName', 'first_name', 'DOB', 'email', 'postcode', 'nhsNumber', 'nino', 'dateOfBirth', 'address']) {
      const result = validateCareerEvent({ ...exampleEvent('EmployeeLeft'), data: { reason: 'voluntary', [key]: 'x' } });
      expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ path: `data.${key}`, message: expect.stringContaining('direct identifier') })] });
    }
  });
});

describe('the JSON Schemas', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const catalogue = buildEventCatalogue({ groupOf });
  const schemas = eventJsonSchemas(catalogue);
  const validators = Object.fromEntries(Object.entries(schemas).map(([file, schema]) => [file, ajv.compile(schema)]));
  const ofType = (type: string) => validators[`${type}.schema.json`];
  const envelope = validators['envelope.schema.json'];

  it.each(EVENT_TYPES)('accept valid %s events, as Rung does', (type: EventType) => {
    for (const event of [exampleEvent(type), rawEvent(type), rawEvent(type, {}, SAMPLE_DATA[type])]) {
      expect(validateCareerEvent(event)).toMatchObject({ ok: true });
      expect({ valid: ofType(type)(event), errors: ofType(type).errors ?? null }).toEqual({ valid: true, errors: null });
      expect(envelope(event)).toBe(true);
    }
  });

  it('accept optional fields left out and date-times', () => {
    const event = rawEvent('EmployeeHired', { occurredAt: '2024-03-01T09:30:00+01:00' }, {});
    delete event.data.jobFamily;
    delete event.data.fte;
    expect(validateCareerEvent(event)).toMatchObject({ ok: true });
    expect(ofType('EmployeeHired')(event)).toBe(true);
  });

  const INVALID: Array<[string, Record<string, unknown>]> = [
    ['an unknown data field', rawEvent('EmployeeLeft', {}, { notes: 'x' } as object)],
    ['a direct-identifier field', rawEvent('EmployeeLeft', {}, { name: 'Jo Bloggs' } as object)],
    ['an unknown envelope field', { ...rawEvent('EmployeeLeft'), email: 'x' }],
    ['a missing required field', { ...rawEvent('EmployeeLeft'), data: {} }],
    ['a value outside its code list', rawEvent('EmployeeLeft', {}, { reason: 'resigned' as never })],
    ['a grade of another scheme', rawEvent('EmployeeHired', {}, { grade: 'HEO', gradeScheme: 'afc' })],
    ['an unknown grade scheme', rawEvent('PromotionGranted', {}, { gradeScheme: 'nhs-bands' })],
    ['an fte out of range', rawEvent('EmployeeHired', {}, { fte: 2 })],
    ['a non-boolean flag', rawEvent('ApplicationSubmitted', {}, { internal: 'yes' as never })],
    ['an eventId that is no UUID', rawEvent('EmployeeLeft', { eventId: 'evt-1' })],
    ['an orgId in capitals', rawEvent('EmployeeLeft', { orgId: 'RX1' })],
    ['a subjectRef with a space', rawEvent('EmployeeLeft', { subjectRef: 'E 123' })],
    ['a source in capitals', rawEvent('EmployeeLeft', { source: 'ESR' })],
    ['an occurredAt that is no date', rawEvent('EmployeeLeft', { occurredAt: '01/03/2024' })],
    ['a schemaVersion of 0', rawEvent('EmployeeLeft', { schemaVersion: 0 })],
  ];

  it.each(INVALID)('reject %s, as Rung does', (_what, event) => {
    expect(validateCareerEvent(event)).toMatchObject({ ok: false });
    expect(ofType(event.type as string)(event)).toBe(false);
  });

  it('reject an event under the schema of another type', () => {
    expect(ofType('EmployeeLeft')(rawEvent('EmployeeHired'))).toBe(false);
    expect(envelope({ ...rawEvent('EmployeeLeft'), type: 'EmployeeFired' })).toBe(false);
  });

  it('use patterns that agree with the validators they stand for', () => {
    const readable = new RegExp(readableCodePattern(catalogue.readableCode.maxParts), 'u');
    for (const value of ['esr', 'nursing', 'admin-clerical', 'a_b-c_d', 'a-b-c-d-e', 'Nursing', '-x', 'x-', 'a--b', 'a b', 'x'.repeat(32), 'x'.repeat(33)]) {
      const shaped = value.length <= catalogue.readableCode.maxLength && readable.test(value);
      expect([value, shaped]).toEqual([value, readableCodeProblem(value) !== READABLE_CODE_MESSAGE]);
    }
    const uuid = new RegExp(UUID_PATTERN, 'u');
    for (const value of ['0b8f6a8e-4f3e-4a53-9a7f-2b0c1d2e3f40', '0B8F6A8E-4F3E-4A53-9A7F-2B0C1D2E3F40', '0b8f6a8e-4f3e-0a53-9a7f-2b0c1d2e3f40', '0b8f6a8e4f3e4a539a7f2b0c1d2e3f40', 'evt-1']) {
      expect([value, uuid.test(value)]).toEqual([value, isUUID(value, 'all')]);
    }
    const iso = new RegExp(ISO_DATE_PATTERN, 'u');
    for (const value of ['2024-03-01', '2024-03-01T09:30', '2024-03-01T09:30:00Z', '2024-03-01T09:30:00.123+01:00', '2024-13-01', '2024-03-01 09:30']) {
      if (iso.test(value)) expect([value, isISO8601(value, { strict: true, strictSeparator: true })]).toEqual([value, true]);
    }
  });
});
