import { getMetadataStorage } from 'class-validator';

/** The rule a field's validators enforce, read back from its class-validator decorators. */
export type FieldRule =
  | { kind: 'enum'; values: readonly (string | number)[] }
  | { kind: 'pattern'; pattern: RegExp }
  | { kind: 'readable-code' }
  | { kind: 'uuid' }
  | { kind: 'iso-date' }
  | { kind: 'integer'; minimum?: number; maximum?: number }
  | { kind: 'number'; minimum?: number; maximum?: number }
  | { kind: 'boolean' }
  | { kind: 'object' };

export interface FieldShape {
  name: string;
  required: boolean;
  rule: FieldRule;
}

interface Validator {
  name?: string;
  constraints?: unknown[];
}

const RULE_OF: Record<string, (v: Validator) => FieldRule> = {
  isIn: (v) => ({ kind: 'enum', values: v.constraints?.[0] as (string | number)[] }),
  matches: (v) => ({ kind: 'pattern', pattern: v.constraints?.[0] as RegExp }),
  readableCode: () => ({ kind: 'readable-code' }),
  isUuid: () => ({ kind: 'uuid' }),
  isIso8601: () => ({ kind: 'iso-date' }),
  isInt: () => ({ kind: 'integer' }),
  isNumber: () => ({ kind: 'number' }),
  isBoolean: () => ({ kind: 'boolean' }),
  isObject: () => ({ kind: 'object' }),
};

/** Validators that only narrow another's rule (`isString` is implied by every string rule). */
const NARROWING = new Set(['isString', 'min', 'max', 'isOptional']);

/**
 * The fields of a DTO class, in declaration order, with the rule its decorators enforce. Throws on a
 * validator it does not know, so that a new kind of rule cannot go undocumented.
 */
export function fieldShapes(dto: new () => object): FieldShape[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const byField = new Map<string, Validator[]>();
  for (const m of metadata) {
    const list = byField.get(m.propertyName) ?? [];
    list.push({ name: m.name, constraints: m.constraints as unknown[] | undefined });
    byField.set(m.propertyName, list);
  }
  return [...byField].map(([name, validators]) => ({
    name,
    required: !validators.some((v) => v.name === 'isOptional'),
    rule: ruleOf(dto.name, name, validators),
  }));
}

function ruleOf(dtoName: string, field: string, validators: Validator[]): FieldRule {
  const main = validators.filter((v) => !NARROWING.has(v.name ?? ''));
  const unknown = main.find((v) => !v.name || !RULE_OF[v.name]);
  if (unknown || main.length === 0) {
    throw new Error(`${dtoName}.${field}: no documented rule for validator ${unknown?.name ?? '(none)'}`);
  }
  if (main.length > 1) throw new Error(`${dtoName}.${field}: more than one rule (${main.map((v) => v.name).join(', ')})`);
  const rule = RULE_OF[main[0].name as string](main[0]);
  if (rule.kind === 'integer' || rule.kind === 'number') {
    const minimum = validators.find((v) => v.name === 'min')?.constraints?.[0] as number | undefined;
    const maximum = validators.find((v) => v.name === 'max')?.constraints?.[0] as number | undefined;
    return { ...rule, ...(minimum === undefined ? {} : { minimum }), ...(maximum === undefined ? {} : { maximum }) };
  }
  return rule;
}
