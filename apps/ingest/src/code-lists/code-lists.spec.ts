import type { PseudonymisedEvent } from '@rung/contracts';
import { parseCodeLists, unlistedCodes } from './code-lists';

const hire = (jobFamily: string, source = 'esr') =>
  ({ type: 'EmployeeHired', orgId: 'rx1-trust', source, data: { grade: '5', gradeScheme: 'afc', jobFamily } }) as unknown as PseudonymisedEvent;

describe('registered code lists', () => {
  it('given lists of codes, then they are kept sorted and unique', () => {
    expect(parseCodeLists({ jobFamily: ['nursing', 'admin-clerical', 'nursing'], source: ['esr'] })).toEqual({
      ok: true, value: { jobFamily: ['admin-clerical', 'nursing'], source: ['esr'] },
    });
  });

  it('given a name or an unknown field in a list, then each is refused with its place', () => {
    const parsed = parseCodeLists({ jobFamily: ['nursing', 'JohnSmith'], grade: ['5'], programmeId: [] });
    expect(parsed).toEqual({ ok: false, errors: [
      { path: 'jobFamily[1]', message: 'looks like a name; direct identifiers are not accepted' },
      { path: 'grade', message: 'is not a field with a code list (jobFamily, programmeId, source)' },
      { path: 'programmeId', message: 'must be a list of 1 to 1000 codes' },
    ] });
  });

  it('given values that are not strings, objects that cannot be sorted among them, then each is named and nothing throws (found by fuzzing)', () => {
    const list = JSON.parse('["nursing",[{"toString":"x"}],{"toString":"prototype","__proto__":null},false]') as unknown[];
    expect(parseCodeLists({ jobFamily: list })).toEqual({ ok: false, errors: [
      { path: 'jobFamily[1]', message: 'must be a string' }, { path: 'jobFamily[2]', message: 'must be a string' }, { path: 'jobFamily[3]', message: 'must be a string' },
    ] });
  });

  it('given an organisation with a job family list, when an event names another family, then that field is named', () => {
    const lists = { jobFamily: ['nursing'] };
    expect(unlistedCodes(hire('nursing'), lists)).toEqual([]);
    expect(unlistedCodes(hire('johnsmith'), lists)).toEqual([{ path: 'data.jobFamily', message: "is not on this organisation's registered list of jobFamily codes" }]);
  });

  it('given no list for a field, or no lists at all, then any code that passed validation stands', () => {
    expect(unlistedCodes(hire('johnsmith', 'payroll'), { source: ['payroll'] })).toEqual([]);
    expect(unlistedCodes(hire('johnsmith'), undefined)).toEqual([]);
  });
});
