import type { FieldError } from './field-error';

const IDENTIFIER_KEY =
  /^(name|first_?name|last_?name|sur_?name|full_?name|given_?names?|family_?name|forenames?|e_?mail|email_?address|nino|ni_?number|national_?insurance(_?number)?|date_?of_?birth|dob|birth_?date|(home_?)?address|post_?code|phone|telephone|mobile|nhs_?number)$/i;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
// Deliberately wider than HMRC's valid prefixes, so that specimen numbers such as QQ123456C are caught too.
const NINO = /(^|[^A-Za-z0-9])[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]($|[^A-Za-z0-9])/i;
const FREE_TEXT_MIN = 65;

/**
 * Finds direct identifiers anywhere in a raw event: fields named after one, and values that look like
 * an e-mail address, a National Insurance number or free text. One error per offending path.
 */
export function findDirectIdentifiers(value: unknown, path = ''): FieldError[] {
  if (typeof value === 'string') return checkString(value, path);
  if (value === null || typeof value !== 'object') return [];
  const errors: FieldError[] = [];
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (IDENTIFIER_KEY.test(key)) {
      errors.push({ path: childPath, message: `'${key}' is a direct identifier and is not accepted` });
    } else {
      errors.push(...findDirectIdentifiers(child, childPath));
    }
  }
  return errors;
}

function checkString(value: string, path: string): FieldError[] {
  if (value.includes('@') && EMAIL.test(value)) return [{ path, message: 'looks like an e-mail address; direct identifiers are not accepted' }];
  if (NINO.test(value)) {
    return [{ path, message: 'looks like a National Insurance number; direct identifiers are not accepted' }];
  }
  if (value.length >= FREE_TEXT_MIN || /\s/.test(value)) {
    return [{ path, message: 'free text is not accepted (it may hold names); send a short code' }];
  }
  return [];
}
