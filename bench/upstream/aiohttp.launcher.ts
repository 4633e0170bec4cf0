import { type ChildProcess, spawn, spawnSync } from 'node:child_process';

/** What the aiohttp variant needs, and how to get it. */
export const AIOHTTP_NEEDS =
  'a python3 with aiohttp and gunicorn (Debian: apt-get install python3-aiohttp gunicorn; or set BENCH_PYTHON)';

/** The Python found for each BENCH_PYTHON value (the import check spawns a process). */
const found = new Map<string, string | undefined>();

/**
 * A Python that can run the aiohttp reference server (it imports aiohttp and
 * gunicorn), or undefined. `BENCH_PYTHON` first; then Debian's own Python,
 * where `apt-get install python3-aiohttp gunicorn` puts them (a `python3`
 * earlier on the PATH, pyenv's say, does not see Debian's packages); then
 * `python3`. Looked up once.
 */
export function aiohttpPython(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = env.BENCH_PYTHON ?? '';
  if (!found.has(key)) {
    const candidates = env.BENCH_PYTHON ? [env.BENCH_PYTHON] : ['/usr/bin/python3', 'python3'];
    found.set(key, candidates.find(importsAiohttpAndGunicorn));
  }
  return found.get(key);
}

function importsAiohttpAndGunicorn(python: string): boolean {
  return spawnSync(python, ['-c', 'import aiohttp, gunicorn'], { stdio: 'ignore' }).status === 0;
}

/**
 * The aiohttp reference server (`aiohttp_reference.py`, next to this file) on
 * `port`, as the articles ran it: gunicorn with aiohttp's worker, `workers`
 * processes, no --preload (see the app). Throws when no Python can run it.
 */
export function spawnAiohttpReference(workers: number, port: number, env: NodeJS.ProcessEnv): ChildProcess {
  const python = aiohttpPython(env);
  if (!python) throw new Error(`the aiohttp reference server needs ${AIOHTTP_NEEDS}`);
  return spawn(
    python,
    [
      '-m',
      'gunicorn',
      '--workers',
      String(workers),
      '--worker-class',
      'aiohttp.GunicornWebWorker',
      '--bind',
      `127.0.0.1:${port}`,
      '--log-level',
      'warning',
      '--graceful-timeout',
      '5',
      '--chdir',
      __dirname,
      'aiohttp_reference:app',
    ],
    // No __pycache__ in the checkout.
    { env: { ...env, PYTHONDONTWRITEBYTECODE: '1' }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

/** The aiohttp reference server's processes, in /proc/<pid>/cmdline. */
export const AIOHTTP_COMMAND_LINE = /aiohttp_reference:app/;
