import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { API_V8_FLAGS } from '../../libs/runtime/src/v8-heap-flags';
import { peakRssMiB, processTree, waitForHttp } from './processes';

const ROOT = join(__dirname, '../..');

export interface Variant {
  name: string;
  /** Processes serving the port. */
  workers: number;
  /** The framework-free reference the API is compared with. */
  baseline: boolean;
  /** For the API: the build to run (`dist/` unless the name says `@<dir>`). */
  dist: string;
}

export interface RunningVariant {
  url: string;
  /** Peak RSS of each serving process so far, in MiB. */
  peakRss(): number[];
  /** The processes serving the port (a cluster's workers, or the one process). */
  serverPids(): number[];
  stop(): Promise<void>;
}

/**
 * `api-2` = the pets API with API_WORKERS=2; `baseline-2` = node:http + undici,
 * 2 processes; `api-1@/tmp/old-dist` = the API built into another directory
 * (a copy of `dist/` from before a change, to measure the change).
 */
export function parseVariant(name: string): Variant {
  const match = /^(api|baseline)-(\d+)(?:@(.+))?$/.exec(name);
  if (!match || (match[1] === 'baseline' && match[3]))
    throw new Error(`unknown variant ${name}: use api-<workers>[@<dist dir>] or baseline-<workers>`);
  return {
    name,
    workers: Number(match[2]),
    baseline: match[1] === 'baseline',
    dist: match[3] ?? join(ROOT, 'dist'),
  };
}

export async function startVariant(
  variant: Variant,
  port: number,
  upstreamUrl: string,
  datastoreUrl?: string,
): Promise<RunningVariant> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    UPSTREAM_URL: upstreamUrl,
  };
  let child: ChildProcess;
  if (variant.baseline) {
    // The API's V8 flags for both, as in its image: only the framework differs.
    const script = join(__dirname, 'baseline.server.ts');
    child = spawn(process.execPath, [...API_V8_FLAGS, '-r', '@swc-node/register', script], {
      env: { ...env, BASELINE_WORKERS: String(variant.workers) },
      stdio: 'ignore',
    });
  } else {
    child = spawn(process.execPath, [...API_V8_FLAGS, join(variant.dist, 'apps/pets-api/src/main.js')], {
      env: {
        ...env,
        API_WORKERS: String(variant.workers),
        // A build copied elsewhere still takes its packages from this checkout.
        NODE_PATH: join(ROOT, 'node_modules'),
        // The articles' setup logs nothing per request; neither does this run.
        LOG_LEVEL: 'warn',
        ...(datastoreUrl
          ? { DATASTORE_URL: datastoreUrl }
          : { DATASTORE_URL: '', EMBEDDED_DATA_DIR: 'memory://' }),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const url = `http://127.0.0.1:${port}/v1/upstream`;
  await waitForHttp(url, child);
  // Let every worker come up (the first answer may come from the first one ready).
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const servers = (): number[] =>
    variant.workers > 1
      ? processTree(child.pid!, variant.baseline ? /baseline\.server/ : /pets-api\/src\/main\.js/)
      : [child.pid!];
  return {
    url,
    peakRss: () => servers().map(peakRssMiB),
    serverPids: servers,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
