import { validateCareerEvent } from '@rung/contracts';
import { RowMapper, withEventId } from './mapping';

const HEADER = ['eventId', 'type', 'orgId', 'subjectRef', 'occurredAt', 'source', 'data.grade', 'data.gradeScheme', 'data.fte', 'data.internal', 'data.reason'];

describe('RowMapper', () => {
  it('maps columns named after event fields, converts the contract numbers and booleans, and drops empty cells', () => {
    const mapper = new RowMapper(HEADER);
    const id = '0b8f6a8e-4f3e-4a53-9a7f-2b0c1d2e3f40';
    const row = mapper.map([id, 'EmployeeHired', 'rx1-trust', 'E1', '2024-03-01', 'esr', '5', 'afc', '0.8', '', '']);
    expect(row).toEqual({
      ok: true,
      event: { eventId: id, type: 'EmployeeHired', schemaVersion: 1, orgId: 'rx1-trust', subjectRef: 'E1', occurredAt: '2024-03-01', source: 'esr', data: { grade: '5', gradeScheme: 'afc', fte: 0.8 } },
    });
    expect(row.ok && validateCareerEvent(row.event).ok).toBe(true);
  });

  it('applies a mapping: renamed columns, constants, value codes and types; and ignores unmapped columns', () => {
    const mapper = new RowMapper(['Staff No', 'Action', 'Date', 'Name', 'Internal?'], {
      columns: { 'Staff No': 'subjectRef', Action: 'type', Date: 'occurredAt', 'Internal?': 'data.internal' },
      constants: { orgId: 'rx1-trust', source: 'trac', 'data.applicationId': 'A1', 'data.vacancyRef': 'V1', 'data.targetGrade': '6', 'data.gradeScheme': 'afc' },
      values: { type: { APP: 'ApplicationSubmitted' } },
    });
    expect(mapper.ignoredColumns).toEqual(['Name']);
    const row = mapper.map(['E9', 'APP', '2024-01-02', 'Jo Bloggs', 'Yes']);
    expect(row.ok && row.event).toMatchObject({ type: 'ApplicationSubmitted', subjectRef: 'E9', data: { internal: true, applicationId: 'A1' } });
    expect(row.ok && JSON.stringify(row.event)).not.toContain('Jo Bloggs');
    expect(row.ok && validateCareerEvent(row.event).ok).toBe(true);
  });

  it('names the field and the reason of every cell it cannot convert', () => {
    const row = new RowMapper(HEADER).map(['', 'EmployeeHired', 'o', 'E1', '2024-03-01', 'esr', '5', 'afc', 'full', 'maybe', '']);
    expect(row).toEqual({
      ok: false,
      errors: [
        { path: 'data.fte', message: "'full' is not a number" },
        { path: 'data.internal', message: "'maybe' is not a yes/no value (true, false, yes, no, y, n, 1, 0)" },
      ],
    });
  });

  it('rejects a row whose field count differs from the header', () => {
    expect(new RowMapper(HEADER).map(['a', 'b'])).toEqual({ ok: false, errors: [{ path: '', message: 'the row has 2 fields; the header has 11' }] });
  });

  it('refuses a header or mapping that cannot produce events', () => {
    expect(() => new RowMapper(['type', 'orgId'])).toThrow('no column or constant gives subjectRef, occurredAt, source');
    expect(() => new RowMapper(HEADER, { columns: { X: 'data' }, types: { 'data.fte': 'float' as 'number' } })).toThrow(/'data' is not an event field[\s\S]*'float' is not/);
  });
});

describe('withEventId', () => {
  const event = { type: 'EmployeeLeft', orgId: 'o', subjectRef: 'E1', occurredAt: '2024-03-01', source: 'esr', data: { reason: 'other' } };

  it('derives the same UUID v5 from the same content, whatever the key order, and another from other content', () => {
    const id = withEventId(event).eventId as string;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const reordered = { data: { reason: 'other' }, source: 'esr', occurredAt: '2024-03-01', subjectRef: 'E1', orgId: 'o', type: 'EmployeeLeft' };
    expect(withEventId(reordered).eventId).toBe(id);
    expect(withEventId({ ...event, occurredAt: '2024-03-02' }).eventId).not.toBe(id);
    expect(validateCareerEvent({ schemaVersion: 1, ...withEventId(event) }).ok).toBe(true);
  });

  it('keeps an eventId that is there', () => {
    expect(withEventId({ ...event, eventId: 'given' }).eventId).toBe('given');
  });
});
