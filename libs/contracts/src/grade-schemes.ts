export const LEVELS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_NAMES: Record<Level, string> = {
  1: 'entry',
  2: 'practitioner',
  3: 'first-line manager',
  4: 'middle manager',
  5: 'senior manager',
  6: 'director',
  7: 'executive',
};

export type GradeScheme = Readonly<Record<string, Level>>;

export const BUILT_IN_GRADE_SCHEMES: Readonly<Record<string, GradeScheme>> = {
  afc: {
    '1': 1, '2': 1, '3': 1, '4': 1, '5': 2, '6': 3, '7': 4,
    '8a': 5, '8b': 5, '8c': 6, '8d': 6, '9': 6, VSM: 7,
  },
  'civil-service': {
    AA: 1, AO: 1, EO: 2, HEO: 3, SEO: 4, G7: 5, G6: 6,
    SCS1: 7, SCS2: 7, SCS3: 7, SCS4: 7,
  },
  generic: { '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7 },
};

export function levelOf(schemeId: string, grade: string): Level | undefined {
  const scheme = BUILT_IN_GRADE_SCHEMES[schemeId];
  return scheme && Object.hasOwn(scheme, grade) ? scheme[grade] : undefined;
}

export function isGradeScheme(schemeId: string): boolean {
  return Object.hasOwn(BUILT_IN_GRADE_SCHEMES, schemeId);
}
