import type { CareerEvent, EventType, Level } from '@rung/contracts';
import { drawActivity, drawExits } from './careers';
import { dayOf, isoOf, monthGrid } from './calendar';
import { Emitter } from './emitter';
import { Hazards } from './hazards';
import { ExitLedger } from './ledger';
import { LEVEL_LIST, ORG_TEMPLATES, orgWeight, WORKFORCE_MODEL } from './model';
import { resolveOptions, type SimulationInput, type SimulationOptions } from './options';
import { Prng } from './prng';
import { runProgrammes } from './programmes';
import { recruit, seedWorkforce } from './recruitment';
import { Schedule } from './schedule';
import { expectedEffects, type GroundTruth } from './truth';
import { APPLICATION_DAYS, type Org, type World } from './world';

/** Distinct subjects each head of the first day's staff adds per simulated year (hires and applicants), measured. */
const SUBJECTS_ADDED_PER_HEAD_YEAR = 0.26;

export interface SimulationSummary {
  subjects: number;
  events: number;
  eventsByType: Partial<Record<EventType, number>>;
  staffAtEnd: number;
}

/**
 * A seeded, multi-organisation workforce over N years. `batches()` yields one array of events per
 * month in arrival order (late events arrive in a later month), then what arrives after the end.
 */
export class Simulation {
  readonly options: SimulationOptions;
  private readonly world: World;
  private readonly eventsByType: Partial<Record<EventType, number>> = {};
  private readonly initialHeadcount = new Map<string, number>();
  private started = false;

  constructor(input: SimulationInput = {}) {
    this.options = resolveOptions(input);
    const { seed, years } = this.options;
    const startDay = dayOf(this.options.start);
    const grid = monthGrid(startDay, years * 12);
    const endDay = grid[grid.length - 1];
    this.world = {
      options: this.options, hazards: new Hazards(this.options), rng: new Prng(seed, 0),
      emitter: new Emitter(new Prng(seed, 1), new Prng(seed, 2), this.options.lateShare),
      schedule: new Schedule(grid), ledger: new ExitLedger(), grid, startDay, endDay,
      lastSubmissionDay: endDay - APPLICATION_DAYS - 1, orgs: [], subjects: 0, programmes: new Map(),
    };
  }

  *batches(): Generator<CareerEvent[]> {
    if (this.started) throw new Error('a simulation runs once; create a new one with the same seed to replay it');
    this.started = true;
    this.seed();
    const { world } = this;
    for (let month = 0; month + 1 < world.grid.length; month += 1) {
      this.runMonth(month, world.grid[month], world.grid[month + 1]);
      yield this.count(world.emitter.take(world.grid[month + 1]));
    }
    const late = world.emitter.take();
    if (late.length) yield this.count(late);
  }

  *events(): Generator<CareerEvent> {
    for (const batch of this.batches()) yield* batch;
  }

  summary(): SimulationSummary {
    const staffAtEnd = this.world.orgs.reduce((n, org) => n + org.staff.length, 0);
    return { subjects: this.world.subjects, events: this.world.emitter.count, eventsByType: { ...this.eventsByType }, staffAtEnd };
  }

  /** The parameters and realised person-time of the run; complete once `batches()` has run to the end. */
  groundTruth(): GroundTruth {
    const { world } = this;
    return {
      options: this.options, model: WORKFORCE_MODEL, window: { from: isoOf(world.startDay), to: isoOf(world.endDay - 1) },
      orgs: world.orgs.map((org) => ({ orgId: org.id, gradeScheme: org.template.gradeScheme, initialHeadcount: this.initialHeadcount.get(org.id) ?? 0 })),
      programmes: [...world.programmes.values()], expected: expectedEffects(this.options), exitLedger: world.ledger.list(),
    };
  }

  private seed(): void {
    const { orgs, subjects, years } = this.options;
    const headcount = subjects / (1 + years * SUBJECTS_ADDED_PER_HEAD_YEAR);
    const weights = Array.from({ length: orgs }, (_, i) => orgWeight(i));
    const total = weights.reduce((a, b) => a + b, 0);
    weights.forEach((w, i) => {
      const org = createOrg(i, Math.round((headcount * w) / total));
      this.world.orgs.push(org);
      seedWorkforce(this.world, org);
      this.initialHeadcount.set(org.id, org.staff.length);
    });
  }

  private runMonth(month: number, start: number, end: number): void {
    const { world } = this;
    for (const org of world.orgs) recruit(world, org, start, end);
    for (const org of world.orgs) drawExits(world, org, start, end);
    for (const org of world.orgs) runProgrammes(world, org, month, start);
    for (const org of world.orgs) drawActivity(world, org, start, end);
    world.schedule.runMonth(month);
    for (const org of world.orgs) org.staff = org.staff.filter((emp) => !emp.left);
  }

  private count(events: CareerEvent[]): CareerEvent[] {
    for (const e of events) this.eventsByType[e.type] = (this.eventsByType[e.type] ?? 0) + 1;
    return events;
  }
}

function createOrg(index: number, size: number): Org {
  const template = ORG_TEMPLATES[index % ORG_TEMPLATES.length];
  const target = Object.fromEntries(LEVEL_LIST.map((l) => [l, Math.round(size * WORKFORCE_MODEL.levelShares[l])])) as Record<Level, number>;
  return {
    id: `${template.prefix}-${index + 1}`, template, hrSource: template.gradeScheme === 'afc' ? 'esr' : 'hr-core', target, staff: [],
    incoming: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0 }, counters: { subjects: 0, applications: 0, vacancies: 0 },
  };
}
