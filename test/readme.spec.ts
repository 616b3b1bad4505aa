import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES } from '@rung/platform';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
  it('opens with the two-command quick start', () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## What Rung is'));
    expect(quickStart.match(/^npm ci && npm (start|test)\b/gm)).toEqual(['npm ci && npm start', 'npm ci && npm test']);
  });

  it.each(Object.values(CONFIG_VARIABLES).map((v) => v.name))('documents %s in the configuration table with its default', (name) => {
    const spec = Object.values(CONFIG_VARIABLES).find((v) => v.name === name) as { default?: unknown };
    const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
    expect(row).toBeDefined();
    expect(row?.split('|')[2].trim()).toBe(spec.default === undefined ? 'unset' : `\`${String(spec.default)}\``);
  });
});
