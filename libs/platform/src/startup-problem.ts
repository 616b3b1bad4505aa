import type { RungConfig } from './config';

/**
 * A start-up failure a user can fix, as one line naming the problem and the fix; undefined for any
 * other error (a bug, shown with its stack).
 */
export function startupProblem(error: unknown, config: RungConfig): string | undefined {
  const e = error as NodeJS.ErrnoException & { name?: string; path?: string; port?: number };
  const [port, variable] = e?.port !== undefined && e.port === config.metricsPort && e.port !== config.port ? [e.port, 'METRICS_PORT'] : [config.port, 'PORT'];
  if (e?.code === 'EADDRINUSE') return `port ${port} on ${config.host} is already in use: stop the other process, or set ${variable} to a free port`;
  if (e?.code === 'EACCES' && e.path === undefined) return `not allowed to listen on port ${port}: use a port above 1023, or set ${variable}`;
  if (/MongoServerSelectionError|MongooseServerSelectionError|MongoNetworkError/.test(e?.name ?? '')) {
    return 'cannot reach MongoDB at MONGO_URL: start it (deploy/ has a compose file), or fix MONGO_URL';
  }
  if (['ENOTDIR', 'EEXIST', 'EACCES', 'EROFS'].includes(e?.code ?? '') && e.path !== undefined) {
    return `cannot use '${e.path}' (${e.code}): DATA_DIR (now '${config.dataDir}') and the key files must be writable directories and files; point DATA_DIR at a writable directory`;
  }
  return undefined;
}
