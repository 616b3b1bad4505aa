'use strict';
const { spawn } = require('node:child_process');
const net = require('node:net');
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

/** Starts the built all-in-one as a child process; resolves with its URL once it answers. */
async function startRung(env, nodeArgs = []) {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'bin', 'rung.js'), 'start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'info', ...env, PORT: String(port) },
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
  return { child, lines, url };
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

module.exports = { startRung, stopRung, rssMiB, report, ROOT };
