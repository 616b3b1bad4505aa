'use strict';
const { spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** Starts the built all-in-one as a child process; resolves with its URL once it listens. */
function startRung(env, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'bin', 'rung.js'), 'start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = [];
  let buffered = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop();
      for (const line of parts) {
        lines.push(line);
        if (line.includes('"rung listening"')) resolve({ child, lines, url: `http://127.0.0.1:${JSON.parse(line).port}` });
      }
    });
    child.on('exit', (code) => reject(new Error(`rung exited with ${code}`)));
  });
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
