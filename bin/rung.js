#!/usr/bin/env node
'use strict';
// Runs the compiled apps: `rung start [rung|ingest|projector|query]`, and the CLI commands
// `rung simulate|import|demo|keys|audit|retention|migrate …`; a bare `rung` or `rung --help` prints
// help. Resolves the @rung/* aliases into dist/.
const path = require('node:path');
const { register } = require('tsconfig-paths');

const root = path.resolve(__dirname, '..');
const { compilerOptions } = require(path.join(root, 'tsconfig.json'));
register({ baseUrl: path.join(root, 'dist'), paths: compilerOptions.paths });

const APPS = ['rung', 'ingest', 'projector', 'query'];
const CLI_COMMANDS = ['simulate', 'import', 'demo', 'keys', 'audit', 'retention', 'migrate', 'help', '--help', '-h'];
const [command = 'help', app = 'rung'] = process.argv.slice(2);

if (CLI_COMMANDS.includes(command) || (command === 'start' && ['--help', '-h'].includes(app))) {
  require(path.join(root, 'dist', 'apps', 'cli', 'src', 'main.js'));
} else if (command === 'start' && APPS.includes(app)) {
  require(path.join(root, 'dist', 'apps', app, 'src', 'main.js'));
} else {
  process.stderr.write(`usage: rung start [${APPS.join('|')}]\n       rung ${CLI_COMMANDS.join('|')} … (rung help)\n`);
  process.exit(2);
}
