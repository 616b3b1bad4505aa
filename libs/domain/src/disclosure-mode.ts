/**
 * How an aggregate answer is protected (§7.1): `exact` figures equal R, with small counts withheld;
 * `protected` figures come from counts rounded by who is counted, over whole-month periods.
 */
export const DISCLOSURE_MODES = ['protected', 'exact'] as const;
export type DisclosureMode = (typeof DISCLOSURE_MODES)[number];
