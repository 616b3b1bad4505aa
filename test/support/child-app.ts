import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { TEST_SECRET } from './test-app';

export interface ChildApp {
  process: ChildProcess;
  url: string;
  output: string[];
}

const ROOT = join(__dirname, '..', '..');

/** Starts the built all-in-one (`bin/rung.js start`) as a child process and waits until it listens. */
export function startChildApp(dataDir: string, env: Record<string, string> = {}): Promise<ChildApp> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'rung.js'), 'start'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, PSEUDONYM_SECRET: TEST_SECRET, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line:\n${output.join('')}`)), 20000);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      const line = chunk.toString().split('\n').find((l) => l.includes('"rung listening"'));
      if (!line) return;
      clearTimeout(timer);
      resolve({ process: child, url: `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`, output });
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output.join('')}`)));
  });
}

export function killHard(app: ChildApp): Promise<void> {
  return new Promise((resolve) => {
    app.process.once('exit', () => resolve());
    app.process.kill('SIGKILL');
  });
}
