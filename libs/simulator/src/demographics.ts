import {
  ETHNICITY_GROUP, type AgeBand, type Disability, type EthnicityCode, type MigrantGeneration, type Sex, type StatedEthnicity,
} from '@rung/contracts';
import { Weighted, type Prng } from './prng';

/** The WRES class that the configured disparities act on; `not-stated` is treated like the reference group. */
export type WresClass = 'white' | 'bme' | 'not-stated';

export interface Demographics {
  ethnicity: EthnicityCode;
  migrantGeneration: MigrantGeneration;
  sex: Sex;
  ageBand: AgeBand;
  disability: Disability;
}

/** ONS 2021 census, England and Wales, per cent of the population; 4% of HR records are not stated. */
const ETHNICITY = new Weighted<EthnicityCode>([
  ['white-british', 74.4], ['white-irish', 0.9], ['white-gypsy-irish-traveller', 0.1], ['white-roma', 0.2], ['white-other', 6.2],
  ['mixed-white-black-caribbean', 0.9], ['mixed-white-black-african', 0.4], ['mixed-white-asian', 0.8], ['mixed-other', 0.8],
  ['asian-indian', 3.1], ['asian-pakistani', 2.7], ['asian-bangladeshi', 1.1], ['asian-chinese', 0.7], ['asian-other', 1.6],
  ['black-african', 2.5], ['black-caribbean', 1.0], ['black-other', 0.5],
  ['other-arab', 0.6], ['other-any', 1.6],
  ['not-stated', 4.2],
]);

type MigrantProfile = 'settled' | 'recent-white' | 'traveller' | 'mixed' | 'minority' | 'unstated';
const MIGRANT_BY_PROFILE: Record<MigrantProfile, Weighted<MigrantGeneration>> = {
  settled: new Weighted([['not-migrant', 90], ['second', 3], ['third-plus', 5], ['unknown', 2]]),
  'recent-white': new Weighted([['first', 65], ['second', 20], ['third-plus', 5], ['not-migrant', 5], ['unknown', 5]]),
  traveller: new Weighted([['not-migrant', 85], ['third-plus', 10], ['unknown', 5]]),
  mixed: new Weighted([['first', 15], ['second', 35], ['third-plus', 20], ['not-migrant', 25], ['unknown', 5]]),
  minority: new Weighted([['first', 50], ['second', 33], ['third-plus', 10], ['not-migrant', 2], ['unknown', 5]]),
  unstated: new Weighted([['unknown', 60], ['not-migrant', 30], ['first', 10]]),
};

const AGE_IN_POST = new Weighted<AgeBand>([['16-24', 8], ['25-34', 24], ['35-44', 25], ['45-54', 24], ['55-64', 17], ['65+', 2]]);
const AGE_AT_HIRE = new Weighted<AgeBand>([['16-24', 20], ['25-34', 35], ['35-44', 22], ['45-54', 14], ['55-64', 8], ['65+', 1]]);
const DISABILITY = new Weighted<Disability>([['yes', 5], ['no', 83], ['not-stated', 12]]);

export function drawDemographics(rng: Prng, femaleShare: number, newStarter: boolean): Demographics {
  const ethnicity = ETHNICITY.draw(rng);
  return {
    ethnicity,
    migrantGeneration: MIGRANT_BY_PROFILE[migrantProfile(ethnicity)].draw(rng),
    sex: drawSex(rng, femaleShare),
    ageBand: (newStarter ? AGE_AT_HIRE : AGE_IN_POST).draw(rng),
    disability: DISABILITY.draw(rng),
  };
}

export function wresClass(ethnicity: EthnicityCode): WresClass {
  if (ethnicity === 'not-stated') return 'not-stated';
  return ETHNICITY_GROUP[ethnicity] === 'white' ? 'white' : 'bme';
}

/** A plausible but wrong ethnicity, for a wrongly keyed record that is later retracted. */
export function wrongEthnicity(rng: Prng, actual: EthnicityCode): StatedEthnicity {
  const candidates = (Object.keys(ETHNICITY_GROUP) as StatedEthnicity[]).filter((code) => code !== actual);
  return rng.pick(candidates);
}

function drawSex(rng: Prng, femaleShare: number): Sex {
  const u = rng.next();
  if (u < 0.003) return 'other';
  if (u < 0.013) return 'not-stated';
  return rng.chance(femaleShare) ? 'female' : 'male';
}

function migrantProfile(ethnicity: EthnicityCode): MigrantProfile {
  if (ethnicity === 'not-stated') return 'unstated';
  if (ethnicity === 'white-british') return 'settled';
  if (ethnicity === 'white-gypsy-irish-traveller') return 'traveller';
  const group = ETHNICITY_GROUP[ethnicity];
  if (group === 'white') return 'recent-white';
  return group === 'mixed' ? 'mixed' : 'minority';
}
