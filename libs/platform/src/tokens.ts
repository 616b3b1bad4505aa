export const RUNG_CONFIG = Symbol('RUNG_CONFIG');
export const CLOCK = Symbol('CLOCK');
export const PSEUDONYMISER = Symbol('PSEUDONYMISER');
/** The raw HMAC key, for code that pseudonymises off the main thread. Never logged, never stored beside the data. */
export const PSEUDONYM_KEY = Symbol('PSEUDONYM_KEY');

export type Clock = () => Date;

/** Turns HR's subject reference into the keyed pseudonym that is all Rung keeps (§8). */
export interface Pseudonymiser {
  subjectId(orgId: string, subjectRef: string): string;
}
