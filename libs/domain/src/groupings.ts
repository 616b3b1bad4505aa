import { ETHNICITY_GROUP, type EthnicityCode, type Grouping, type MigrantGeneration } from '@rung/contracts';

export interface GroupingInput {
  ethnicity?: EthnicityCode;
  migrantGeneration?: MigrantGeneration;
}

/** The group a subject falls in under a named grouping (§4), or undefined when excluded. */
export function groupOf(grouping: Grouping, subject: GroupingInput): string | undefined {
  switch (grouping) {
    case 'ons5':
      return stated(subject.ethnicity) ? ETHNICITY_GROUP[subject.ethnicity] : 'unknown';
    case 'wres':
      if (!stated(subject.ethnicity)) return undefined;
      return ETHNICITY_GROUP[subject.ethnicity] === 'white' ? 'white' : 'bme';
    case 'white-british':
      if (!stated(subject.ethnicity)) return undefined;
      return subject.ethnicity === 'white-british' ? 'white-british' : 'ethnic-minority';
    case 'migrant':
      return subject.migrantGeneration ?? 'unknown';
    default: {
      const unexpected: never = grouping;
      throw new Error(`unknown grouping ${String(unexpected)}`);
    }
  }
}

function stated(code: EthnicityCode | undefined): code is Exclude<EthnicityCode, 'not-stated'> {
  return code !== undefined && code !== 'not-stated';
}
