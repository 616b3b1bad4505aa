import { createWriteStream, writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { Simulation, type SimulationInput } from '@rung/simulator';
import { API_KEY_OPTIONS, apiKeyFlag, numberFlag, parseFlags, stringFlag, urlFlag, UsageError, type Flags } from '../console/args';
import { RungClient } from '../http/rung-client';
import { HttpSink, NdjsonSink, type EventSink } from './sinks';

export const SIMULATE_USAGE = `rung simulate [--seed 1] [--orgs 3] [--subjects 20000] [--years 5] [--start 2020-04-01]
              [--out FILE | --post URL | --kafka HOST:PORT,…] [--truth FILE]
              [--kafka-ssl] [--kafka-ca-file PEM] [--kafka-sasl plain|scram-sha-256|scram-sha-512 --kafka-username NAME --kafka-password-file FILE]
              [--appointment-odds-ratio 0.6] [--shortlisting-odds-ratio 0.8] [--promotion-hazard-ratio 0.75]
              [--exit-hazard-ratio 1.3] [--disciplinary-hazard-ratio 1.6] [--mentoring-hazard-ratio 1.5]
              [--mentoring-share 0.08] [--mentoring-bme-selection 1] [--mentoring-cohorts N] [--late-share 0.02] [--retraction-rate 0.01]
              [--api-key KEY | --api-key-file FILE] [--concurrency 4]
  Writes NDJSON to --out (or standard output), posts batches of 1,000 to Rung at --post, or produces to
  Kafka. --truth writes the true parameters and expected effects as JSON.`;

const OPTIONS = {
  seed: { type: 'string' }, orgs: { type: 'string' }, subjects: { type: 'string' }, years: { type: 'string' }, start: { type: 'string' },
  out: { type: 'string' }, post: { type: 'string' }, kafka: { type: 'string' }, truth: { type: 'string' }, concurrency: { type: 'string' },
  'appointment-odds-ratio': { type: 'string' }, 'shortlisting-odds-ratio': { type: 'string' }, 'promotion-hazard-ratio': { type: 'string' },
  'exit-hazard-ratio': { type: 'string' }, 'disciplinary-hazard-ratio': { type: 'string' }, 'mentoring-hazard-ratio': { type: 'string' },
  'mentoring-share': { type: 'string' }, 'mentoring-bme-selection': { type: 'string' }, 'mentoring-cohorts': { type: 'string' }, 'late-share': { type: 'string' }, 'retraction-rate': { type: 'string' },
  'kafka-ssl': { type: 'boolean' }, 'kafka-ca-file': { type: 'string' }, 'kafka-sasl': { type: 'string' },
  'kafka-username': { type: 'string' }, 'kafka-password-file': { type: 'string' },
  ...API_KEY_OPTIONS,
} as const;

export interface Io {
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
}

export async function simulateCommand(argv: string[], io: Io): Promise<number> {
  const { flags, positionals } = parseFlags(argv, OPTIONS);
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const sim = newSimulation(simulationInput(flags));
  const started = performance.now();
  const sink = await openSink(flags, io);
  for (const batch of sim.batches()) await sink.write(batch);
  const report = await sink.close();
  const truthFile = stringFlag(flags, 'truth');
  if (truthFile) writeFileSync(truthFile, `${JSON.stringify(sim.groundTruth(), null, 2)}\n`);
  const seconds = (performance.now() - started) / 1000;
  io.stderr.write(`${JSON.stringify({ ...sim.summary(), ...report, seconds: Math.round(seconds * 10) / 10, eventsPerSecond: Math.round(report.sent / seconds) })}\n`);
  return report.rejected ? 1 : 0;
}

/** Reads the simulation options from the flags; the simulator itself checks their ranges. */
export function simulationInput(flags: Flags): SimulationInput {
  const n = (name: string): number | undefined => numberFlag(flags, name);
  const int = (name: string): number | undefined => numberFlag(flags, name, { integer: true });
  const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return defined({
    seed: int('seed'), orgs: int('orgs'), subjects: int('subjects'), years: int('years'), start: stringFlag(flags, 'start'),
    lateShare: n('late-share'), retractionRate: n('retraction-rate'),
    disparities: defined({
      appointmentOddsRatio: n('appointment-odds-ratio'), shortlistingOddsRatio: n('shortlisting-odds-ratio'), promotionHazardRatio: n('promotion-hazard-ratio'),
      exitHazardRatio: n('exit-hazard-ratio'), disciplinaryHazardRatio: n('disciplinary-hazard-ratio'),
    }),
    mentoring: defined({
      hazardRatio: n('mentoring-hazard-ratio'), enrolmentShare: n('mentoring-share'), bmeSelectionRatio: n('mentoring-bme-selection'), cohorts: int('mentoring-cohorts'),
    }),
  });
}

/** A simulation, or a usage error naming each bad option. */
export function newSimulation(input: SimulationInput): Simulation {
  try {
    return new Simulation(input);
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

async function openSink(flags: Flags, io: Io): Promise<EventSink> {
  const targets = ['out', 'post', 'kafka'].filter((name) => flags[name] !== undefined);
  if (targets.length > 1) throw new UsageError(`choose one of --${targets.join(', --')}`);
  const post = urlFlag(flags, 'post');
  if (post) {
    const client = new RungClient(post, apiKeyFlag(flags), undefined, (reason, delay) => io.stderr.write(`rung simulate: ${reason}; retrying in ${delay} ms\n`));
    return new HttpSink(client, 1000, numberFlag(flags, 'concurrency', { integer: true, min: 1, max: 16 }) ?? 4);
  }
  const brokers = stringFlag(flags, 'kafka');
  if (brokers) {
    const { KafkaSink, kafkaSecurityFromFlags } = await import('./kafka-sink');
    return KafkaSink.connect(brokers.split(',').map((b) => b.trim()).filter(Boolean), kafkaSecurityFromFlags(flags));
  }
  const out = stringFlag(flags, 'out');
  return out && out !== '-' ? new NdjsonSink(createWriteStream(out), true) : new NdjsonSink(io.stdout, false);
}

