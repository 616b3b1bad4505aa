import { rateRatio, relativeLikelihood } from '@rung/stats';
import { dayOf, DAYS_PER_YEAR } from './calendar';
import { DEFAULT_SIMULATION } from './options';
import { Simulation } from './simulation';
import { appointmentsFromShortlisting, leaving, mentoringArms, readHistories, type SubjectHistory } from './testing/reference-reading';
import { expectedEffects, realisedExitRates, type GroundTruth } from './truth';

/**
 * The generated data must carry the truth the simulator states, read back independently of the
 * simulator. Each 95% interval covers its truth with probability 0.95, so over three seeds we ask for at
 * least two covers: a correct simulator fails that with probability 0.7%.
 */
const SEEDS = [101, 102, 103];

interface Run {
  truth: GroundTruth;
  histories: SubjectHistory[];
  mentoringDays: number[];
  window: [number, number];
}

function run(seed: number): Run {
  const sim = new Simulation({ seed, subjects: 10_000 });
  const events = [...sim.events()];
  const truth = sim.groundTruth();
  const enrolDays = [...new Set(events.flatMap((e) => (e.type === 'ProgrammeEnrolled' && e.data.programmeKind === 'mentoring' ? [dayOf(e.occurredAt)] : [])))].sort((a, b) => a - b);
  return {
    truth, histories: [...readHistories(events).values()], window: [dayOf(truth.window.from), dayOf(truth.window.to) + 1],
    mentoringDays: enrolDays.filter((d, i) => i === 0 || d - enrolDays[i - 1] > 30),
  };
}

const covers = (truth: number, ci: { lower: number | null; upper: number | null }): boolean => ci.lower! <= truth && truth <= ci.upper!;

describe('the ground truth of a run', () => {
  let runs: Run[];

  beforeAll(() => {
    runs = SEEDS.map(run);
  });

  it('states the expected effects from its parameters', () => {
    const expected = expectedEffects(DEFAULT_SIMULATION);
    expect(expected.appointmentFromShortlisting).toEqual({ numerator: 'white', denominator: 'bme', white: 0.4, bme: expect.closeTo(0.285714, 6), ratio: expect.closeTo(1.4, 12) });
    expect(expected.mentoringPromotionHazardRatio).toBe(1.5);
    expect(expected.exitHazardRatio).toEqual({ numerator: 'bme', denominator: 'white', ratio: 1.3 });
  });

  it('books exactly the person-time in post and the leavers that the events show', () => {
    for (const { truth, histories, window } of runs) {
      const read = leaving(histories, ...window);
      const booked = realisedExitRates(truth);
      expect(booked.white.personYears).toBeCloseTo(read.white.exposureDays / DAYS_PER_YEAR, 6);
      expect(booked.bme.personYears).toBeCloseTo(read.bme.exposureDays / DAYS_PER_YEAR, 6);
      expect([booked.white.exits, booked.bme.exits]).toEqual([read.white.exits, read.bme.exits]);
      for (const group of [booked.white, booked.bme]) expect(Math.abs(group.exits - group.expectedExits) / Math.sqrt(group.expectedExits)).toBeLessThan(4);
    }
  });

  it('covers the relative likelihood of appointment from shortlisting (white / BME)', () => {
    const truth = expectedEffects(DEFAULT_SIMULATION).appointmentFromShortlisting.ratio;
    const covered = runs.filter(({ histories }) => {
      const { white, bme } = appointmentsFromShortlisting(histories);
      return covers(truth, relativeLikelihood({ successes: white.events, total: white.total }, { successes: bme.events, total: bme.total }));
    });
    expect(covered.length).toBeGreaterThanOrEqual(2);
  });

  it('covers the leaving rate ratio (BME / white) that crude rates target', () => {
    const covered = runs.filter(({ truth, histories, window }) => {
      const { white, bme } = leaving(histories, ...window);
      const ci = rateRatio({ events: bme.exits, personYears: bme.exposureDays / DAYS_PER_YEAR }, { events: white.exits, personYears: white.exposureDays / DAYS_PER_YEAR });
      return covers(realisedExitRates(truth).ratio, ci);
    });
    expect(covered.length).toBeGreaterThanOrEqual(2);
  });

  it('covers the mentoring hazard ratio on first promotion, against staff not yet mentored at the same levels', () => {
    const covered = runs.filter(({ histories, mentoringDays, window }) => {
      const { mentored, comparison } = mentoringArms(histories, mentoringDays, window[1]);
      return covers(DEFAULT_SIMULATION.mentoring.hazardRatio, rateRatio({ events: mentored.promotions, personYears: mentored.personYears }, { events: comparison.promotions, personYears: comparison.personYears }));
    });
    expect(covered.length).toBeGreaterThanOrEqual(2);
  });
});
