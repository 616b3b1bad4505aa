'use strict';
const { spawn } = require('node:child_process');
const net = require('node:net');
const { randomBytes } = require('node:crypto');
const { readFileSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** A free loopback port, so that the child can be found without reading its logs. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilLive(url, child) {
  for (let i = 0; i < 600; i += 1) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('rung exited before it answered');
    try {
      const res = await fetch(`${url}/health/live`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('rung did not answer within 60 s');
}

/** One master key for every benchmark run, so that a restarted instance can open what the first one sealed. */
const BENCH_DATA_KEY = 'b'.repeat(64);

/** Rate limits out of the way: a benchmark is one client making many requests on purpose. */
const UNLIMITED = { RATE_LIMIT_INGEST: '10000000', RATE_LIMIT_RESEARCH: '10000000', RATE_LIMIT_DASHBOARD: '10000000' };

/** Makes a key through the admin API; resolves with its secret. */
async function createKey(url, adminKey, role) {
  // Research keys are exact: the benchmarks compare Rung's figures with R's, and time cold reports as of new dates.
  const disclosure = role === 'research' ? { disclosure: 'exact' } : {};
  const res = await fetch(`${url}/v1/admin/keys`, {
    method: 'POST', headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `bench ${role}`, role, orgIds: ['*'], ...disclosure }),
  });
  if (res.status !== 201) throw new Error(`POST /v1/admin/keys answered ${res.status}: ${await res.text()}`);
  return (await res.json()).secret;
}

/**
 * Starts the built all-in-one as a child process with an admin key of the benchmark's own; resolves
 * once it answers, with its URL and one key per role (`keys`), and `auth(role)` headers to send them.
 */
async function startRung(env, nodeArgs = []) {
  const port = await freePort();
  const adminKey = randomBytes(32).toString('hex');
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'bin', 'rung.js'), 'start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'info', DATA_KEY_SECRET: BENCH_DATA_KEY, ...UNLIMITED, ...env, RUNG_ADMIN_KEY: adminKey, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = [];
  let buffered = '';
  child.stdout.on('data', (chunk) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop();
    lines.push(...parts);
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilLive(url, child);
  const keys = { admin: adminKey };
  for (const role of ['ingest', 'research', 'dashboard']) keys[role] = await createKey(url, adminKey, role);
  return { child, lines, url, keys, auth: (role) => ({ authorization: `Bearer ${keys[role]}` }) };
}

function stopRung(rung) {
  return new Promise((resolve) => {
    rung.child.once('exit', resolve);
    rung.child.kill('SIGTERM');
  });
}

function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

function report(bench, value, unit, target, meets, extra = {}) {
  const line = { bench, value: Math.round(value * 100) / 100, unit, target, meets, ...extra };
  console.log(JSON.stringify(line));
  return line;
}

module.exports = { startRung, stopRung, rssMiB, report, freePort, ROOT };
