import fc from 'fast-check';
import { HOSTILE_STRINGS, PROTOTYPE_KEYS } from './hostile-values';

/** Percent-encodes what encodeURIComponent can; a lone surrogate (which it refuses) goes as its bad UTF-8. */
export function encoded(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...text].map((c) => (c.length === 1 && c >= '\uD800' && c <= '\uDFFF' ? '%ED%A0%80' : encodeURIComponent(c))).join('');
  }
}

/** Values for a query parameter or path segment, some already in raw (mis)encoded form. */
const RAW_VALUES = ['%00', '%', '%E0%A4%A', '%ED%A0%80', '%FF', '%2F..%2F', '+', '%20', '%2500', '..', '.', 'a%00b'];
const shortHostile = HOSTILE_STRINGS.filter((s) => s.length <= 12_000);

export const hostileValueText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...shortHostile).map(encoded) },
  { weight: 2, arbitrary: fc.constantFrom(...RAW_VALUES) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 12_000 }).map((n) => '9'.repeat(n)) },
  { weight: 2, arbitrary: fc.string({ maxLength: 16 }).map(encoded) },
);

const DATES = ['2024-01-01', '2024-02-30', '2024-13-01', '0000-01-01', '9999-12-31', '+275760-09-13', '2024-01-01T00:00:00Z', '2024-1-1', '1e400'];

/** One `name=value` pair in a hostile form: plain, repeated, `name[]=`, `name[key]=`, or a date. */
export function hostileParam(names: readonly string[]): fc.Arbitrary<{ name: string; text: string }> {
  const name = fc.oneof(
    { weight: 3, arbitrary: names.length ? fc.constantFrom(...names) : fc.constant('unknown') },
    { weight: 1, arbitrary: fc.constantFrom('unknown', 'a', '', ...PROTOTYPE_KEYS) },
  );
  const value = fc.oneof(hostileValueText, fc.constantFrom(...DATES));
  return fc.tuple(name, value, value, fc.constantFrom('plain', 'repeated', 'array', 'keyed', 'bare')).map(([n, v, w, form]) => ({
    name: n,
    text: form === 'repeated' ? `${n}=${v}&${n}=${w}` : form === 'array' ? `${n}[]=${v}` : form === 'keyed' ? `${n}[b]=${v}` : form === 'bare' ? n : `${n}=${v}`,
  }));
}

/** A whole query string of hostile parameters: `?a=…&a=…&b[]=…`. */
export function hostileQuery(names: readonly string[]): fc.Arbitrary<string> {
  return fc.array(hostileParam(names), { minLength: 1, maxLength: 5 }).map((params) => `?${params.map((p) => p.text).join('&')}`);
}

/** A path segment: a hostile value, encoded or raw. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  hostileValueText.filter((s) => s.length > 0 && s !== '.' && s !== '..' && s.length < 8_000),
  fc.constantFrom('0', '-1', '1e3', '999', '1000', '00000000-0000-4000-8000-000000000000', 'k_0000000000000000', '%2e%2e', '__proto__'),
);

/** Headers a client might send oddly: content negotiation and conditional reads. */
export const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc.record({
  accept: fc.constantFrom('*/*', 'text/csv', 'application/json', 'text/csv;q=0, application/json;q=0', 'image/png', '', 'text/*', 'application/problem+json', ',,,;q=x'),
  'if-none-match': fc.constantFrom('*', '"x"', 'W/"x"', '', '"' + 'a'.repeat(2_000) + '"'),
}, { requiredKeys: [] });
