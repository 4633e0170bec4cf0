import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { API_V8_FLAGS } from '../../libs/runtime/src/v8-heap-flags';
import { peakRssMiB, processTree, stopChild, waitForHttp } from './processes';
import {
  AIOHTTP_COMMAND_LINE,
  AIOHTTP_NEEDS,
  aiohttpPython,
  spawnAiohttpReference,
} from './aiohttp.launcher';

const ROOT = join(__dirname, '../..');

/**
 * What serves the route: the pets API, or one of the reference servers that
 * take away part of it, to show where the API's cost per request goes:
 * `baseline` (node:http, no framework), `fastify` (Fastify alone) and `nest`
 * (Nest's FastifyAdapter in an otherwise empty Nest application); or
 * `aiohttp`, the articles' winner (Python, under gunicorn), to compare with
 * in the same run.
 */
export type VariantKind = 'api' | ReferenceKind | 'aiohttp';
type ReferenceKind = 'baseline' | 'fastify' | 'nest';

/** Each reference server's script, next to this file. */
const REFERENCE_SCRIPTS: Record<ReferenceKind, string> = {
  baseline: 'baseline.server.ts',
  fastify: 'fastify.server.ts',
  nest: 'nest-adapter.server.ts',
};

export interface Variant {
  name: string;
  kind: VariantKind;
  /** Processes serving the port. */
  workers: number;
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
 * 2 processes; `fastify-2`, `nest-2`: the other reference servers, 2 processes;
 * `aiohttp-2`: the route on aiohttp, 2 gunicorn workers;
 * `api-1@/tmp/old-dist` = the API built into another directory (a copy of
 * `dist/` from before a change, to measure the change).
 */
export function parseVariant(name: string): Variant {
  const match = /^(api|baseline|fastify|nest|aiohttp)-(\d+)(?:@(.+))?$/.exec(name);
  if (!match || (match[1] !== 'api' && match[3]))
    throw new Error(
      `unknown variant ${name}: use api-<workers>[@<dist dir>], baseline-<workers>, fastify-<workers>, nest-<workers> or aiohttp-<workers>`,
    );
  return {
    name,
    kind: match[1] as VariantKind,
    workers: Number(match[2]),
    dist: match[3] ?? join(ROOT, 'dist'),
  };
}

/** Why `variant` cannot run on this machine, or undefined when it can. */
export function unavailableBecause(variant: Variant): string | undefined {
  if (variant.kind !== 'aiohttp' || aiohttpPython()) return undefined;
  return `it needs ${AIOHTTP_NEEDS}`;
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
  if (variant.kind === 'aiohttp') {
    child = spawnAiohttpReference(variant.workers, port, env);
  } else if (variant.kind !== 'api') {
    // The API's V8 flags for every reference server, as in the API's image: only what serves the route differs.
    const script = join(__dirname, REFERENCE_SCRIPTS[variant.kind]);
    child = spawn(process.execPath, [...API_V8_FLAGS, '-r', '@swc-node/register', script], {
      env: { ...env, REFERENCE_WORKERS: String(variant.workers) },
      stdio: ['ignore', 'ignore', 'inherit'],
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
  // A cluster's workers or gunicorn's (their primary only supervises), or the one process itself.
  const servers = (): number[] => processTree(child.pid!, serverCommandLine(variant));
  return {
    url,
    peakRss: () => servers().map(peakRssMiB),
    serverPids: servers,
    stop: () => stopChild(child, 15_000),
  };
}

/** How a variant's serving processes are told from others in /proc/<pid>/cmdline. */
function serverCommandLine(variant: Variant): RegExp {
  if (variant.kind === 'api') return /pets-api\/src\/main\.js/;
  if (variant.kind === 'aiohttp') return AIOHTTP_COMMAND_LINE;
  return new RegExp(REFERENCE_SCRIPTS[variant.kind].replace(/\./g, '\\.'));
}
