export { Simulation, type SimulationSummary } from './simulation';
export { DEFAULT_SIMULATION, resolveOptions, type Disparities, type MentoringOptions, type SimulationInput, type SimulationOptions } from './options';
export { expectedEffects, realisedExitRates, type ExpectedEffects, type GroundTruth, type RealisedExitRates, type GroupExitRate } from './truth';
export type { ExitLedgerRow } from './ledger';
export { probabilityWithOddsRatio } from './hazards';
export { Prng } from './prng';
export { GRADE_LADDERS, WORKFORCE_MODEL } from './model';
