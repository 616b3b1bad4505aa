/** Splits one CSV record into fields (RFC 4180: comma-separated, "quoted" fields, "" for a quote inside). */
export function parseCsvRecord(record: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (record[i] === '"') {
      const { value, next } = quotedField(record, i);
      fields.push(value);
      i = next;
    } else {
      const comma = record.indexOf(',', i);
      const value = record.slice(i, comma === -1 ? record.length : comma);
      if (value.includes('"')) throw new SyntaxError(`field ${fields.length + 1} has a quote but does not start with one`);
      fields.push(value);
      i = comma === -1 ? record.length : comma;
    }
    if (i >= record.length) return fields;
    if (record[i] !== ',') throw new SyntaxError(`field ${fields.length} has text after its closing quote`);
    i += 1;
    if (i === record.length) {
      fields.push('');
      return fields;
    }
  }
}

function quotedField(record: string, open: number): { value: string; next: number } {
  let value = '';
  let i = open + 1;
  for (;;) {
    const quote = record.indexOf('"', i);
    if (quote === -1) throw new SyntaxError('a quoted field is not closed');
    value += record.slice(i, quote);
    if (record[quote + 1] !== '"') return { value, next: quote + 1 };
    value += '"';
    i = quote + 2;
  }
}
