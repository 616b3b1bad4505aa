import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { ChildApp } from '../child-app';
import { TEST_SECRET } from '../test-app';

const ROOT = join(__dirname, '..', '..', '..');

/** Starts one built app (`bin/rung.js start <app>`, from dist/) as a child process and waits until it listens (logged at info). */
export function startBuiltApp(app: 'rung' | 'ingest', dataDir: string, env: Record<string, string> = {}): Promise<ChildApp> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'rung.js'), 'start', app], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, PSEUDONYM_SECRET: TEST_SECRET, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no listening line:\n${output.join('')}`));
    }, 20000);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      const line = chunk.toString().split('\n').find((l) => l.includes(`"${app} listening"`));
      if (!line) return;
      clearTimeout(timer);
      resolve({ process: child, url: `http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`, output });
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output.join('')}`)));
  });
}
