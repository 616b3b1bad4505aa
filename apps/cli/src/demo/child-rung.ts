import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface RunningRung {
  child: ChildProcess;
  url: string;
}

/** The repository root: the nearest folder above this file that holds bin/rung.js (from src/ or from dist/). */
export function repositoryRoot(from = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'bin', 'rung.js'))) return dir;
  throw new Error('cannot find bin/rung.js above the CLI');
}

/** Starts the built all-in-one (`rung start`) as a child process and resolves once it listens. */
export function startRung(env: Record<string, string>): Promise<RunningRung> {
  const child = spawn(process.execPath, [join(repositoryRoot(), 'bin', 'rung.js'), 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (output.length < 200) output.push(`${line}\n`);
        if (line.includes('"rung listening"')) resolve({ child, url: `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}` });
      }
    });
    child.once('exit', (code) => reject(new Error(`rung exited with status ${code} before it listened:\n${output.join('').slice(-2000)}`)));
  });
}

export function stopRung(rung: RunningRung): Promise<void> {
  if (rung.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    rung.child.once('exit', () => resolve());
    rung.child.kill('SIGTERM');
  });
}
