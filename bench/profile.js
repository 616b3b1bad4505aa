'use strict';
// CPU profiles of the two hot paths (issue 14): the trend 304 under polling, and HTTP ingest. Runs the
// built app with --cpu-prof, drives one path, stops it, and prints the 10 frames with the most self time.
// node bench/profile.js 304|ingest   (after npm run build)
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { startRung, stopRung } = require('./lib/child');
const { topFrames } = require('./lib/cpu-profile');
const { batchBodies } = require('./lib/events');
const { load, currentEtag, poll } = require('./trend');
const { send } = require('./ingest');

async function main(which = process.argv[2] ?? '304') {
  const dir = mkdtempSync(path.join(tmpdir(), 'rung-profile-'));
  const profiles = path.join(dir, 'profiles');
  const rung = await startRung({ DATA_DIR: path.join(dir, 'data'), PSEUDONYM_SECRET: 'c'.repeat(64), LOG_LEVEL: 'warn' }, ['--cpu-prof', `--cpu-prof-dir=${profiles}`]);
  try {
    if (which === '304') {
      await load(rung.url, rung.keys.ingest);
      await poll(rung.url, rung.keys.dashboard, await currentEtag(rung.url, rung.keys.dashboard));
    } else {
      await send(rung.url, rung.keys.ingest, batchBodies(Number(process.env.BENCH_EVENTS ?? 200_000), 1000).bodies);
    }
  } finally {
    await stopRung(rung);
  }
  const frames = topFrames(profiles);
  console.log(`| ${which}: frame (whole run) | self % |\n| --- | --- |\n${frames.map((f) => `| \`${f.frame}\` | ${f.percent} |`).join('\n')}`);
  if (process.env.BENCH_KEEP_PROFILE) console.log(`profiles kept in ${profiles}`);
  else rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => { console.error(e); process.exit(1); });
