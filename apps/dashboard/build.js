#!/usr/bin/env node
// Builds the dashboard page (SPEC §13) into dist/dashboard: one script bundled by esbuild from
// src/main.ts and its npm packages (Observable Plot), the style sheet and the HTML. Everything the
// page loads is served by Rung itself; nothing comes from another host.
const { build } = require('esbuild');
const { copyFileSync, mkdirSync, rmSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const out = path.join(root, 'dist', 'dashboard');

async function main() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [path.join(__dirname, 'src', 'main.ts')],
    outfile: path.join(out, 'app.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    minify: true,
    legalComments: 'eof',
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'style.css', 'favicon.svg']) copyFileSync(path.join(__dirname, 'src', file), path.join(out, file));
}

main().catch((error) => {
  process.stderr.write(`dashboard build failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
