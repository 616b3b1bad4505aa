import { validateCohortDefinition } from './cohort-definition.dto';

const valid = {
  name: 'Mentoring participants 2024', orgIds: ['rx1-trust'],
  entry: { on: 'ProgrammeEnrolled', programmeKind: 'mentoring', role: 'participant', between: ['2024-01-01', '2024-12-31'] },
  where: { grouping: 'wres', groups: ['bme'], levelAtEntry: { min: 1, max: 2 } },
};

const errorsOf = (raw: unknown) => {
  const checked = validateCohortDefinition(raw);
  return checked.ok ? [] : checked.errors;
};

describe('cohort definition validation', () => {
  it('given the §7a example, then it is valid and kept as given', () => {
    const checked = validateCohortDefinition(valid);
    expect(checked).toEqual({ ok: true, value: valid });
  });

  it('given ethnicity codes and an exclusion with censoring, then they are kept; unknown codes and non-boolean flags are named', () => {
    const comparison = {
      name: 'Comparison', orgIds: ['rx1-trust'], entry: { on: 'employed', at: '2024-01-01' },
      where: { ethnicity: ['black-african', 'asian-indian'] },
      exclude: { programmeKind: 'mentoring', role: 'participant', censorAtEnrolment: true },
    };
    expect(validateCohortDefinition(comparison)).toEqual({ ok: true, value: comparison });
    expect(errorsOf({ ...comparison, where: { ethnicity: ['bme'] }, exclude: { programmeKind: 'yoga', censorAtEnrolment: 'yes', extra: 1 } }).map((e) => e.path)).toEqual(
      expect.arrayContaining(['where.ethnicity', 'exclude.programmeKind', 'exclude.censorAtEnrolment']),
    );
  });

  it('given a grouping with groups null, then where.groups is named rather than anything thrown (found by fuzzing)', () => {
    expect(errorsOf({ ...valid, where: { grouping: 'wres', groups: null } })).toEqual([{ path: 'where.groups', message: 'is required when where.grouping is given' }]);
  });

  it('given an unknown entry kind, bad dates and an out-of-range level, then each field is named with its reason', () => {
    expect(errorsOf({ ...valid, entry: { on: 'Hired', between: ['2024-02-30', '2024-01-01'] }, where: { levelAtEntry: { min: 0, max: 8 } } })).toEqual([
      { path: 'entry.on', message: 'must be one of: ProgrammeEnrolled, EmployeeHired, employed' },
      { path: 'entry.between', message: 'must be a real date written YYYY-MM-DD' },
      { path: 'where.levelAtEntry.min', message: 'must be a whole number from 1 to 7' },
      { path: 'where.levelAtEntry.max', message: 'must be a whole number from 1 to 7' },
    ]);
  });

  it('given a window that ends before it starts, or none, then entry.between is named', () => {
    expect(errorsOf({ ...valid, entry: { on: 'EmployeeHired', between: ['2024-12-31', '2024-01-01'] } })).toEqual([
      { path: 'entry.between', message: 'must be [from, to] with from on or before to' },
    ]);
    expect(errorsOf({ ...valid, entry: { on: 'EmployeeHired' } })).toEqual([
      { path: 'entry.between', message: 'is required: [from, to], the window of entry dates' },
    ]);
  });

  it('given employed without at, or with programme fields, then those fields are named', () => {
    expect(errorsOf({ ...valid, entry: { on: 'employed', programmeKind: 'mentoring', between: ['2024-01-01', '2024-01-02'] } })).toEqual([
      { path: 'entry.programmeKind', message: 'applies only to entry.on ProgrammeEnrolled' },
      { path: 'entry.at', message: 'is required when entry.on is employed' },
      { path: 'entry.between', message: 'does not apply when entry.on is employed; use entry.at' },
    ]);
  });

  it('given groups that are not groups of the grouping, then each is named', () => {
    expect(errorsOf({ ...valid, where: { grouping: 'white-british', groups: ['ethnic-minority', 'bme'] } })).toEqual([
      { path: 'where.groups[1]', message: 'is not a group of white-british; use one of: white-british, ethnic-minority' },
    ]);
    expect(errorsOf({ ...valid, where: { groups: ['bme'] } })).toEqual([{ path: 'where.grouping', message: 'is required when where.groups is given' }]);
  });

  it('given bad demographic lists, unknown fields and a missing name, then each is named', () => {
    const errors = errorsOf({ orgIds: ['RX1 Trust'], entry: valid.entry, where: { sex: ['unknown'], colour: 'blue' }, extra: 1 });
    expect(errors).toHaveLength(5);
    expect(errors).toEqual(expect.arrayContaining([
      { path: 'extra', message: 'is not a known field' },
      { path: 'name', message: 'is required' },
      { path: 'orgIds', message: 'must be a list of organisation ids (lower-case slugs)' },
      { path: 'where.sex', message: 'must be a list of: female, male, other, not-stated' },
      { path: 'where.colour', message: 'is not a known field' },
    ]));
  });

  it('given something that is not an object, then it says so', () => {
    expect(errorsOf([])).toEqual([{ path: '', message: 'must be a JSON object' }]);
  });
});
