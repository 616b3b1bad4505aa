#!/usr/bin/env node
'use strict';
// Runs the compiled apps: `rung start [rung|ingest|projector|query]`. Resolves the @rung/* aliases into dist/.
const path = require('node:path');
const { register } = require('tsconfig-paths');

const root = path.resolve(__dirname, '..');
const { compilerOptions } = require(path.join(root, 'tsconfig.json'));
register({ baseUrl: path.join(root, 'dist'), paths: compilerOptions.paths });

const APPS = ['rung', 'ingest', 'projector', 'query'];
const [command = 'start', app = 'rung'] = process.argv.slice(2);

if (command !== 'start' || !APPS.includes(app)) {
  process.stderr.write(`usage: rung start [${APPS.join('|')}]\n`);
  process.exit(2);
}
require(path.join(root, 'dist', 'apps', app, 'src', 'main.js'));
