import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { standardKeys, TEST_ACCESS_ENV, TEST_ADMIN_KEY, type TestKeys } from './keys';
import { TEST_SECRET } from './test-app';

export interface ChildApp {
  process: ChildProcess;
  url: string;
  output: string[];
  /** One key of each role over every organisation. */
  keys: TestKeys;
}

const ROOT = join(__dirname, '..', '..');

export type BuiltApp = 'rung' | 'ingest' | 'projector' | 'query';

/** Starts the built all-in-one (`bin/rung.js start`) as a child process, waits until it listens, and makes a key of each role. */
export function startChildApp(dataDir: string, env: Record<string, string> = {}): Promise<ChildApp> {
  return startBuiltApp('rung', dataDir, env);
}

/** Starts one built app (`bin/rung.js start <app>`, from dist/) as a child process; the keys are made through it when it serves the admin API. */
export async function startBuiltApp(app: BuiltApp, dataDir: string, env: Record<string, string> = {}): Promise<ChildApp> {
  const started = await spawnBuiltApp(app, dataDir, env);
  const servesAdmin = app === 'rung' || app === 'query';
  return { ...started, keys: servesAdmin ? await standardKeys(started.url) : { ingest: '', research: '', dashboard: '', metrics: '', admin: TEST_ADMIN_KEY, exact: '' } };
}

function spawnBuiltApp(app: BuiltApp, dataDir: string, env: Record<string, string>): Promise<Omit<ChildApp, 'keys'>> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'rung.js'), 'start', app], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, PSEUDONYM_SECRET: TEST_SECRET, PORT: '0', LOG_LEVEL: 'info', ...TEST_ACCESS_ENV, ...env },
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

export function killHard(app: ChildApp): Promise<void> {
  return new Promise((resolve) => {
    app.process.once('exit', () => resolve());
    app.process.kill('SIGKILL');
  });
}
