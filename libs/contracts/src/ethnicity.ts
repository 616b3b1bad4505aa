export const ONS5_GROUPS = ['white', 'mixed', 'asian', 'black', 'other'] as const;
export type Ons5Group = (typeof ONS5_GROUPS)[number];

/** ONS 2021 census categories (England and Wales), keyed to their high-level group. */
export const ETHNICITY_GROUP = {
  'white-british': 'white',
  'white-irish': 'white',
  'white-gypsy-irish-traveller': 'white',
  'white-roma': 'white',
  'white-other': 'white',
  'mixed-white-black-caribbean': 'mixed',
  'mixed-white-black-african': 'mixed',
  'mixed-white-asian': 'mixed',
  'mixed-other': 'mixed',
  'asian-indian': 'asian',
  'asian-pakistani': 'asian',
  'asian-bangladeshi': 'asian',
  'asian-chinese': 'asian',
  'asian-other': 'asian',
  'black-african': 'black',
  'black-caribbean': 'black',
  'black-other': 'black',
  'other-arab': 'other',
  'other-any': 'other',
} as const satisfies Record<string, Ons5Group>;

export type StatedEthnicity = keyof typeof ETHNICITY_GROUP;
export type EthnicityCode = StatedEthnicity | 'not-stated';

export const ETHNICITY_CODES: readonly EthnicityCode[] = [
  ...(Object.keys(ETHNICITY_GROUP) as StatedEthnicity[]),
  'not-stated',
];

export const GROUPINGS = ['ons5', 'wres', 'white-british', 'migrant'] as const;
export type Grouping = (typeof GROUPINGS)[number];
