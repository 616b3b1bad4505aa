import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The code of an eval'd worker that loads one of our built modules: it resolves the @rung/* aliases
 * into dist/ the way bin/rung.js does, then requires the script. Undefined when the script is not
 * built (a worker cannot load TypeScript sources). tsconfig-paths is named by its full path, because
 * an eval'd worker resolves bare modules from the working directory, which may be anywhere.
 */
export function builtWorkerCode(script: string): string | undefined {
  if (!existsSync(script)) return undefined;
  const distRoot = ancestorNamed(dirname(script), 'dist');
  if (!distRoot) return undefined;
  const { compilerOptions } = JSON.parse(readFileSync(join(distRoot, '..', 'tsconfig.json'), 'utf8')) as { compilerOptions: { paths: unknown } };
  const paths = JSON.stringify({ baseUrl: distRoot, paths: compilerOptions.paths });
  return `require(${JSON.stringify(require.resolve('tsconfig-paths'))}).register(${paths}); require(${JSON.stringify(script)});`;
}

function ancestorNamed(dir: string, name: string): string | undefined {
  for (let d = dir; d !== dirname(d); d = dirname(d)) if (basename(d) === name) return d;
  return undefined;
}
