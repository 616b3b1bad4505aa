'use strict';
const { readdirSync, readFileSync, statSync } = require('node:fs');
const path = require('node:path');

/**
 * The frames with the most self time, idle left out, in the largest .cpuprofile of `dir` (the thread
 * that served: the CLI that starts the app and the worker threads write smaller ones), as { frame, percent }.
 */
function topFrames(dir, count = 10) {
  const file = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort((a, b) => statSync(path.join(dir, b)).size - statSync(path.join(dir, a)).size)[0];
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const { callFrame: f } = byId.get(id);
    const where = f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
    if (key === '(idle)') return;
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, count).map(([frame, t]) => ({ frame, percent: Math.round((t / total) * 1000) / 10 }));
}

module.exports = { topFrames };
