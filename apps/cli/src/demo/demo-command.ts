import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminClient } from '../admin/admin-client';
import { numberFlag, parseFlags, stringFlag, UsageError, type Flags } from '../console/args';
import { Progress } from '../console/progress';
import { RungClient } from '../http/rung-client';
import { newSimulation, type Io } from '../simulate/simulate-command';
import { HttpSink } from '../simulate/sinks';
import { startRung, stopRung, type RunningRung } from './child-rung';
import { analyticsRequests, curl, defineDemoStudy, headlineLines, type DemoKeys, type DemoScope } from './demo-study';
import { ExamplePicker } from './examples';

export const DEMO_USAGE = `rung demo [--port 3000] [--seed 1] [--orgs 3] [--subjects 20000] [--years 5] [--start YYYY-MM-01] [--data-dir DIR] [--exit]
  Starts Rung on the embedded defaults with an admin key of its own, makes an ingest key, loads a seeded demo dataset over HTTP (ending this month unless --start),
  makes a research, an exact research and a dashboard key over the demo's organisations, defines a demo study when the analytics endpoints are there,
  and prints example requests and the dashboard page's address with a key. Keeps Rung running until Ctrl-C, unless --exit.`;

const OPTIONS = {
  port: { type: 'string' }, seed: { type: 'string' }, orgs: { type: 'string' }, subjects: { type: 'string' }, years: { type: 'string' }, start: { type: 'string' },
  'data-dir': { type: 'string' }, exit: { type: 'boolean' },
} as const;

export async function demoCommand(argv: string[], io: Io): Promise<number> {
  const { flags, positionals } = parseFlags(argv, OPTIONS);
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const keptDir = stringFlag(flags, 'data-dir');
  const dataDir = keptDir ?? mkdtempSync(join(tmpdir(), 'rung-demo-'));
  const port = numberFlag(flags, 'port', { integer: true, min: 0, max: 65535 }) ?? 3000;
  io.stderr.write(`Starting Rung on port ${port} with its data in ${dataDir} …\n`);
  const adminKey = randomBytes(32).toString('hex');
  const rung = await startRung({
    DATA_DIR: join(dataDir, 'data'), PSEUDONYM_SECRET: randomBytes(32).toString('hex'), DATA_KEY_SECRET: randomBytes(32).toString('hex'), RUNG_ADMIN_KEY: adminKey, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info',
  });
  try {
    rung.child.stdout!.resume();
    const admin = new AdminClient(rung.url, adminKey);
    const ingest = await makeKey(admin, 'ingest', ['*']);
    const loaded = await load(rung, ingest, flags, io);
    const keys: DemoKeys = { ingest, ...(await readingKeys(admin, loaded.scope.orgIds)) };
    const scope: DemoScope = { ...loaded.scope, keys };
    for (const example of loaded.examples) io.stdout.write(`  # ${example.label}\n  ${curl(scope, `/v1/subjects/${example.orgId}/${example.subjectRef}/timeline`, undefined, 'ingest')}\n`);
    await showStudy(scope, io);
    io.stdout.write(`\nThe dashboard page: open ${rung.url}/ and enter the dashboard key ${keys.dashboard}\n(or the research key ${keys.research} for the studies; ${keys.exact} shows them in exact mode).\n`);
    if (flags.exit !== true) await untilInterrupted(rung, io);
  } finally {
    await stopRung(rung);
    if (!keptDir) rmSync(dataDir, { recursive: true, force: true });
  }
  return 0;
}

async function load(rung: RunningRung, ingestKey: string, flags: Flags, io: Io): Promise<{ scope: DemoScope; examples: ReturnType<ExamplePicker['examples']> }> {
  const int = (name: string): number | undefined => numberFlag(flags, name, { integer: true });
  const years = int('years') ?? 5;
  const sim = newSimulation({ seed: int('seed') ?? 1, orgs: int('orgs') ?? 3, subjects: int('subjects') ?? 20_000, years, start: stringFlag(flags, 'start') ?? yearsBeforeThisMonth(years) });
  const sink = new HttpSink(new RungClient(rung.url, ingestKey), 1000, 4);
  const picker = new ExamplePicker();
  const progress = new Progress(io.stderr, sim.options.years * 12 + 1);
  const started = performance.now();
  let month = 0;
  for (const batch of sim.batches()) {
    picker.observe(batch);
    await sink.write(batch);
    progress.update((month += 1), sim.summary().events);
  }
  const report = await sink.close();
  progress.finish();
  const seconds = (performance.now() - started) / 1000;
  if (report.rejected) throw new Error(`Rung rejected ${report.rejected} demo events, for example ${JSON.stringify(report.rejections?.[0])}`);
  const { subjects, events } = sim.summary();
  const truth = sim.groundTruth();
  const scope: DemoScope = {
    url: rung.url, orgIds: truth.orgs.map((o) => o.orgId), from: truth.window.from, to: truth.window.to,
    mentoringOpens: truth.programmes.find((p) => p.kind === 'mentoring')?.enrolmentFrom ?? truth.window.from,
  };
  io.stdout.write(`\nLoaded ${events.toLocaleString('en-GB')} events for ${subjects.toLocaleString('en-GB')} subjects in ${scope.orgIds.length} organisations `
    + `(${scope.orgIds.join(', ')}), ${truth.window.from} to ${truth.window.to}, in ${seconds.toFixed(1)} s (${Math.round(events / seconds).toLocaleString('en-GB')} events/s).\n`
    + `True effects built in: ${JSON.stringify(truth.expected)}\n\nSubject timelines:\n`);
  return { scope, examples: picker.examples() };
}

async function showStudy(scope: DemoScope, io: Io): Promise<void> {
  const outcome = await defineDemoStudy(scope);
  if (outcome.kind === 'defined') {
    io.stdout.write(`\nDefined the demo study ${outcome.ids.study}: mentoring participants against staff at levels 1-2 who were not mentored.\n`);
    io.stdout.write(`\nIts headline table (exact mode):\n${indent(await headlineLines(scope, outcome.ids.study))}\n`);
    io.stdout.write(indent(analyticsRequests(scope, outcome.ids)));
    return;
  }
  const why = outcome.kind === 'unavailable'
    ? 'NOT YET SERVED BY THIS BUILD: the analytics endpoints (/v1/cohorts, /v1/studies, /v1/indicators, /v1/trends) answer 404 here. Once they land, these requests work as they are:'
    : `Could not define the demo study (${outcome.reason}). The requests to try:`;
  io.stdout.write(`\n${why}\n${indent(analyticsRequests(scope))}`);
}

async function makeKey(admin: AdminClient, role: 'ingest' | 'research' | 'dashboard', orgIds: string[], extra: object = {}): Promise<string> {
  return (await admin.post<{ secret: string }>('/v1/admin/keys', { name: `demo ${role}`, role, orgIds, ...extra })).secret;
}

/** The keys that read, each over the demo's organisations only, so the dashboard page offers them by name. */
async function readingKeys(admin: AdminClient, orgIds: string[]): Promise<Omit<DemoKeys, 'ingest'>> {
  return {
    research: await makeKey(admin, 'research', orgIds),
    exact: await makeKey(admin, 'research', orgIds, { disclosure: 'exact' }),
    dashboard: await makeKey(admin, 'dashboard', orgIds),
  };
}

/**
 * Rung follows subjects still in post up to today (the as-of date of a report), so demo data must end
 * now: data that ended years ago would read as years of follow-up in which nobody was promoted or left.
 */
function yearsBeforeThisMonth(years: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), 1)).toISOString().slice(0, 10);
}

function indent(lines: string[]): string {
  return lines.map((l) => `  ${l}\n`).join('');
}

async function untilInterrupted(rung: RunningRung, io: Io): Promise<void> {
  io.stdout.write(`\nRung is running at ${rung.url}. Press Ctrl-C to stop it.\n`);
  await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM'), once(rung.child, 'exit')]);
}
