import { parseCsvRecord } from './csv';

describe('parseCsvRecord (RFC 4180)', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['a,,c', ['a', '', 'c']],
    ['a,b,', ['a', 'b', '']],
    ['', ['']],
    ['"a,b",c', ['a,b', 'c']],
    ['"say ""hi""",x', ['say "hi"', 'x']],
    ['"line\r\nbreak",y', ['line\r\nbreak', 'y']],
    ['"",z', ['', 'z']],
    ['café,naïve', ['café', 'naïve']],
  ])('splits %j', (record, fields) => {
    expect(parseCsvRecord(record)).toEqual(fields);
  });

  it.each([
    ['"open,b', /not closed/],
    ['"a"b,c', /text after its closing quote/],
    ['a"b,c', /quote but does not start with one/],
  ])('refuses %j', (record, message) => {
    expect(() => parseCsvRecord(record)).toThrow(message);
  });
});
