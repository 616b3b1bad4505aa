'use strict';
const { fork } = require('node:child_process');
const path = require('node:path');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { freePort, startRung, stopRung } = require('./child');

/** Starts a peer server (bench/peers/<name>.js) in its own process; resolves with its URL once it listens. */
async function startPeer(name, args = []) {
  const port = await freePort();
  const child = fork(path.join(__dirname, '..', 'peers', `${name}.js`), [String(port), ...args], { stdio: 'ignore' });
  await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`peer ${name} exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

function stopPeer(peer) {
  return new Promise((resolve) => {
    if (peer.child.exitCode !== null) return resolve();
    peer.child.once('exit', () => resolve());
    peer.child.kill('SIGTERM');
  });
}

/**
 * Rung and a peer side by side: both started on a fresh directory, `run` given them, both stopped after.
 * `peerArgs(dir)` gives the peer's arguments.
 */
async function sideBySide(name, peerName, peerArgs, run) {
  const dir = mkdtempSync(path.join(tmpdir(), `rung-side-${name}-`));
  const rung = await startRung({ DATA_DIR: path.join(dir, 'data'), PSEUDONYM_SECRET: 'c'.repeat(64), LOG_LEVEL: 'warn' });
  const peer = await startPeer(peerName, peerArgs(dir));
  try {
    return await run(rung, peer);
  } finally {
    await stopPeer(peer);
    await stopRung(rung);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `rounds` measurements of Rung then the peer, in turn; the ratios Rung ÷ peer, to three decimals. */
async function interleaved(rounds, measureRung, measurePeer) {
  const rung = [];
  const peer = [];
  for (let i = 0; i < rounds; i += 1) {
    rung.push(await measureRung(i));
    peer.push(await measurePeer(i));
  }
  return { rung, peer };
}

const ratiosOf = (rung, peer) => rung.map((r, i) => Math.round((r / peer[i]) * 1000) / 1000);

module.exports = { startPeer, stopPeer, sideBySide, interleaved, ratiosOf };
