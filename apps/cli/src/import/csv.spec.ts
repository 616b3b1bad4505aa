import { detectDelimiter, formatCsvRecord, parseCsvRecord, sepHint } from './csv';

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

describe('parseCsvRecord with other delimiters', () => {
  it.each([
    [';', 'a;"b;c";', ['a', 'b;c', '']],
    ['\t', 'a\t"b\tc"\t"d,e"', ['a', 'b\tc', 'd,e']],
    [';', 'x,y;"two\nlines"', ['x,y', 'two\nlines']],
  ])('splits on %j: %j', (delimiter, record, fields) => {
    expect(parseCsvRecord(record, delimiter)).toEqual(fields);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['type,orgId,subjectRef', ','],
    ['type;orgId;subjectRef', ';'],
    ['type\torgId\tsubjectRef', '\t'],
    ['"Name, full";orgId;type', ';'],
    ['type', ','],
  ])('finds the delimiter of %j', (header, delimiter) => {
    expect(detectDelimiter(header)).toBe(delimiter);
  });
});

describe('sepHint', () => {
  it.each([
    ['sep=;', ';'],
    ['\uFEFFsep=\t', '\t'],
    ['SEP=,', ','],
    ['sep=;;', undefined],
    ['type,orgId', undefined],
  ])('reads %j', (line, delimiter) => {
    expect(sepHint(line)).toBe(delimiter);
  });
});

describe('formatCsvRecord', () => {
  it('quotes only the cells that need it, and reads back to the same cells', () => {
    const cells = ['plain', 'a;b', 'say "hi"', 'two\nlines', '', 'a,b'];
    const text = formatCsvRecord(cells, ';');
    expect(text).toBe('plain;"a;b";"say ""hi""";"two\nlines";;a,b');
    expect(parseCsvRecord(text, ';')).toEqual(cells);
  });
});
