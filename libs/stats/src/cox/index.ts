export { coxProportionalHazards } from './cox';
export type { ChiSquareTest, CoxCoefficient, CoxOptions, CoxResult, CoxRow, CoxTies } from './types';
