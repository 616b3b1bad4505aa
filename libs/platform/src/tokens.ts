export const RUNG_CONFIG = Symbol('RUNG_CONFIG');
export const CLOCK = Symbol('CLOCK');
export const PSEUDONYMISER = Symbol('PSEUDONYMISER');

export type Clock = () => Date;

/** Turns HR's subject reference into the keyed pseudonym that is all Rung keeps (§8). */
export interface Pseudonymiser {
  subjectId(orgId: string, subjectRef: string): string;
}
