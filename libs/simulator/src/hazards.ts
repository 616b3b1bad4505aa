import type { Level } from '@rung/contracts';
import type { WresClass } from './demographics';
import { WORKFORCE_MODEL as M } from './model';
import type { SimulationOptions } from './options';

/** The probability whose odds are `oddsRatio` times the odds of `p`. */
export function probabilityWithOddsRatio(p: number, oddsRatio: number): number {
  const odds = (p / (1 - p)) * oddsRatio;
  return odds / (1 + odds);
}

/** Every rate and probability of the model for one set of options; the simulation and its truth share it. */
export class Hazards {
  constructor(private readonly options: SimulationOptions) {}

  shortlistProbability(cls: WresClass): number {
    return cls === 'bme' ? probabilityWithOddsRatio(M.shortlistProbability, this.options.disparities.shortlistingOddsRatio) : M.shortlistProbability;
  }

  appointmentProbability(cls: WresClass): number {
    return cls === 'bme' ? probabilityWithOddsRatio(M.appointmentProbability, this.options.disparities.appointmentOddsRatio) : M.appointmentProbability;
  }

  /** Yearly hazard of promotion: only applications that end in appointment promote. */
  promotionRate(level: Level, cls: WresClass, mentored: boolean): number {
    const group = cls === 'bme' ? this.options.disparities.promotionHazardRatio : 1;
    return M.promotionHazard[level] * group * (mentored ? this.options.mentoring.hazardRatio : 1);
  }

  /** Yearly rate of internal applications that gives `promotionRate` once shortlisting and appointment are passed. */
  internalApplicationRate(level: Level, cls: WresClass, mentored: boolean): number {
    return this.promotionRate(level, cls, mentored) / (this.shortlistProbability(cls) * this.appointmentProbability(cls));
  }

  exitRate(level: Level, tenureYears: number, cls: WresClass): number {
    const tenure = M.exitByTenure.find((band) => tenureYears < band.underYears)?.multiplier ?? 1;
    return M.exitHazard[level] * tenure * (cls === 'bme' ? this.options.disparities.exitHazardRatio : 1);
  }

  disciplinaryRate(cls: WresClass): number {
    return M.disciplinaryRate * (cls === 'bme' ? this.options.disparities.disciplinaryHazardRatio : 1);
  }
}
