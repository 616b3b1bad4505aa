import type { FieldError } from './field-error';

const IDENTIFIER_KEY =
  /^(name|first_?name|last_?name|sur_?name|full_?name|given_?names?|family_?name|forenames?|e_?mail|email_?address|nino|ni_?number|national_?insurance(_?number)?|date_?of_?birth|dob|birth_?date|(home_?)?address|post_?code|phone|telephone|mobile|nhs_?number)$/i;

const FREE_TEXT_MIN = 65;
/** Longer strings are refused by length alone, so that no pattern ever runs over a long input. */
const LONGEST_SCANNED = 256;

/** What a readable code may be (§8): a short code of lowercase letters and digits. */
export const READABLE_CODE_MAX_LENGTH = 32;
export const READABLE_CODE_MAX_PARTS = 4;
const READABLE_CODE = new RegExp(`^[a-z0-9]+(?:[-_][a-z0-9]+){0,${READABLE_CODE_MAX_PARTS - 1}}$`);
export const READABLE_CODE_MESSAGE =
  `must be a short code: lowercase letters and digits in up to ${READABLE_CODE_MAX_PARTS} parts joined by - or _, ` +
  `at most ${READABLE_CODE_MAX_LENGTH} characters`;

interface Detector {
  looksLike: string;
  test(value: string): boolean;
}

function matching(looksLike: string, ...patterns: RegExp[]): Detector {
  return { looksLike, test: (value) => patterns.some((p) => p.test(value)) };
}

const EMAIL_PATTERN = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const EMAIL: Detector = { looksLike: 'an e-mail address', test: (value) => value.includes('@') && EMAIL_PATTERN.test(value) };

// Wider than HMRC's valid prefixes, so that specimen numbers such as QQ123456C are caught too; any separators.
const NINO = matching(
  'a National Insurance number',
  /(^|[^a-z0-9])[a-z]{2}[^a-z0-9]{0,3}\d{2}[^a-z0-9]{0,3}\d{2}[^a-z0-9]{0,3}\d{2}[^a-z0-9]{0,3}[a-d]($|[^a-z0-9])/i,
);

const DATE = matching(
  'a date',
  /(^|\D)(19|20)\d\d([-/._ ]?)(0[1-9]|1[0-2])\3(0[1-9]|[12]\d|3[01])(\D|$)/,
  /(^|\D)(19|20)\d\d([-/._ ])([1-9]|1[0-2])\3([1-9]|[12]\d|3[01])(\D|$)/,
  /(^|\D)(0?[1-9]|[12]\d|3[01])([-/._ ])(0?[1-9]|1[0-2])\3(19|20)\d\d(\D|$)/,
  /(^|\D)(0?[1-9]|[12]\d|3[01])([/.])(0?[1-9]|1[0-2])\3\d\d(\D|$)/,
  /(^|\D)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])(19|20)\d\d(\D|$)/,
);

/** A run of digits with the separators people write numbers with, e.g. `+44 (0)20 7946-0958`. */
const NUMBER_RUN = /\+?\d[\d\s().-]*\d/g;
const UK_PHONE_DIGITS = /^(0|44|0044)\d{9,10}$/;
const NHS_GROUPING = /^\d{3}[\s-]?\d{3}[\s-]?\d{4}$/;

function numberRuns(value: string): Array<{ run: string; digits: string }> {
  return [...value.matchAll(NUMBER_RUN)].map(([run]) => ({ run, digits: run.replace(/\D/g, '') }));
}

const PHONE: Detector = {
  looksLike: 'a phone number',
  test: (value) =>
    /tel:/i.test(value) ||
    numberRuns(value).some((r) => (r.run.startsWith('+') && r.digits.length >= 8) || UK_PHONE_DIGITS.test(r.digits)),
};

const NHS_NUMBER: Detector = {
  looksLike: 'an NHS number',
  test: (value) => numberRuns(value).some((r) => NHS_GROUPING.test(r.run)),
};

const POSTCODE = matching('a postcode', /(^|[^a-z0-9])[a-z]{1,2}\d[a-z\d]?[\s_-]?\d[a-z]{2}($|[^a-z0-9])/i);

const LONG_NUMBER = matching('a personal number (staff, phone or NHS number)', /\d{6}/);

const NAME = matching('a name', /[A-Z][a-z]+[._\s-]?[A-Z][a-z]+/, /(^|[^A-Za-z])[A-Z]\.?[A-Z][a-z]+/);

/** Checked in every string of an event, wherever it is. */
const ANYWHERE = [EMAIL, NINO];
/** Checked in readable codes, and to name the reason free text is refused; order matters only for which reason is given. */
const IN_READABLE_CODES = [EMAIL, NINO, DATE, PHONE, NHS_NUMBER, POSTCODE, LONG_NUMBER, NAME];

function identifierMessage(detector: Detector): string {
  return `looks like ${detector.looksLike}; direct identifiers are not accepted`;
}

/**
 * Why a readable code (`jobFamily`, `programmeId`, `source`) is refused, or undefined when it is a
 * short code. Rung stores these as sent, so they are allowed by shape, and never when they look like
 * a direct identifier (§8).
 */
export function readableCodeProblem(value: string): string | undefined {
  if (value.length > LONGEST_SCANNED) return READABLE_CODE_MESSAGE;
  const shaped = value.length <= READABLE_CODE_MAX_LENGTH && READABLE_CODE.test(value);
  if (shaped && !/\d/.test(value)) return undefined;
  const detector = IN_READABLE_CODES.find((d) => d.test(value));
  if (detector) return identifierMessage(detector);
  return shaped ? undefined : READABLE_CODE_MESSAGE;
}

/**
 * Finds direct identifiers anywhere in a raw event: fields named after one, and values that look like
 * an e-mail address, a National Insurance number or free text. One error per offending path.
 * Iterative, so that no nesting depth can overflow the stack.
 */
export function findDirectIdentifiers(value: unknown, path = ''): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Array<{ node: unknown; path: string; key?: string }> = [{ node: value, path }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (item.key !== undefined) errors.push({ path: item.path, message: `'${item.key}' is a direct identifier and is not accepted` });
    else if (typeof item.node === 'string') errors.push(...checkString(item.node, item.path));
    else if (item.node !== null && typeof item.node === 'object') pushChildren(stack, item.node, item.path);
  }
  return errors;
}

/** Pushed last to first, so that errors come out in the order of the fields. */
function pushChildren(stack: Array<{ node: unknown; path: string; key?: string }>, node: object, path: string): void {
  const entries = Object.entries(node);
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const [key, child] = entries[i];
    const childPath = path ? `${path}.${key}` : key;
    stack.push(IDENTIFIER_KEY.test(key) ? { node: undefined, path: childPath, key } : { node: child, path: childPath });
  }
}

const FREE_TEXT_MESSAGE = 'free text is not accepted (it may hold names); send a short code';

function checkString(value: string, path: string): FieldError[] {
  if (value.length > LONGEST_SCANNED) return [{ path, message: FREE_TEXT_MESSAGE }];
  const detector = ANYWHERE.find((d) => d.test(value));
  if (detector) return [{ path, message: identifierMessage(detector) }];
  if (value.length < FREE_TEXT_MIN && !/\s/.test(value)) return [];
  const specific = IN_READABLE_CODES.find((d) => d.test(value));
  return [{ path, message: specific ? identifierMessage(specific) : FREE_TEXT_MESSAGE }];
}
