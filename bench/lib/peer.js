'use strict';
const { fork } = require('node:child_process');
const path = require('node:path');
const { freePort } = require('./child');

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

module.exports = { startPeer, stopPeer };
