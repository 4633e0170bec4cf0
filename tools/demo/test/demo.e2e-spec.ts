import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { freePorts } from '@pets/testing';
import { stopChild } from '../../../bench/upstream/processes';

const ROOT = resolve(__dirname, '../../..');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

// `npm run demo` as a user runs it (the built apps, no server installed):
// everything answers on the printed URLs, the logs arrive as one stream
// prefixed by service, and Ctrl-C stops every process.
describe('npm run demo', () => {
  let demo: ChildProcess;
  const lines: string[] = [];
  let dataDir: string;
  let api: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'demo-e2e-'));
    const [port, upstreamPort, metricsPort] = await freePorts(3);
    api = `http://127.0.0.1:${port}`;
    demo = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/demo/run-demo.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(port),
        DEMO_UPSTREAM_PORT: String(upstreamPort),
        WORKER_METRICS_PORT: String(metricsPort),
        EMBEDDED_DATA_DIR: join(dataDir, 'pglite'),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    createInterface({ input: demo.stdout! }).on('line', (line) => lines.push(line));
    const outcome = await eventually(startOutcome, 90_000).catch(() => 'not up within 90 s');
    if (outcome !== 'up')
      throw new Error(`npm run demo: ${outcome}; its last lines:\n${lines.slice(-40).join('\n')}`);
  }, 100_000);

  afterAll(async () => {
    // The demo's services run in process groups of their own: only the demo
    // (SIGTERM, as Ctrl-C) stops them all; a SIGKILL to it would leave them running.
    await stopChild(demo, 30_000);
    rmSync(dataDir, { recursive: true, force: true });
  }, 40_000);

  /** Up, or failed (the demo says why and stops): undefined while it is still starting. */
  function startOutcome(): Promise<'up' | 'failed' | undefined> {
    if (lines.some((l) => l.includes('the platform is up'))) return Promise.resolve('up');
    const failed = lines.some((l) => l.includes('the demo failed to start')) || demo.exitCode !== null;
    return Promise.resolve(failed ? 'failed' : undefined);
  }

  it('prints the URLs and loads the sample pets on first start', () => {
    const output = lines.join('\n');
    expect(output).toContain(`API             ${api}`);
    expect(output).toContain(`docs            ${api}/docs`);
    expect(output).toContain('loaded 12 sample pets');
  });

  it('answers /v1/upstream, /v1/pets, /v1/tags/{tag} and /docs', async () => {
    const upstream = await fetch(`${api}/v1/upstream`);
    expect(upstream.status).toBe(200);
    expect(await upstream.json()).toEqual({ status: 200, length: 615 });

    const pets = (await (await fetch(`${api}/v1/pets?limit=50`)).json()) as { items: unknown[] };
    expect(pets.items).toHaveLength(12);

    // The worker folds the sample pets in: 6 mammals in the sample, 3 in the house.
    const mammal = await eventually(async () => {
      const response = await fetch(`${api}/v1/tags/mammal`);
      const body = (await response.json()) as { location?: Record<string, number> };
      return body.location && Object.values(body.location).reduce((a, b) => a + b, 0) === 6
        ? body
        : undefined;
    });
    expect(mammal).toEqual({ tag: 'mammal', location: { house: 3, backyard: 1, frontyard: 2 } });

    const docs = await fetch(`${api}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toContain('text/html');
  });

  it('merges every process log into one stream prefixed by service', () => {
    const prefixes = new Set(lines.map((line) => line.split('|')[0].trim()));
    expect([...prefixes]).toEqual(
      expect.arrayContaining(['demo', 'pets-api', 'aggregation-worker', 'embedded-datastore']),
    );
    const workerLine = lines.find((line) => line.startsWith('aggregation-worker'))!;
    expect(JSON.parse(workerLine.slice(workerLine.indexOf('|') + 2))).toMatchObject({
      service: 'aggregation-worker',
    });
  });

  it('stops every process cleanly on Ctrl-C', async () => {
    const pids = new Set<number>();
    for (const line of lines) {
      const pid = /"pid":(\d+)/.exec(line)?.[1];
      if (pid) pids.add(Number(pid));
    }
    expect(pids.size).toBeGreaterThanOrEqual(5); // primary, 2 API workers, datastore, worker
    demo.kill('SIGINT');
    const [code] = (await once(demo, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(lines[lines.length - 1]).toContain('stopped');
    expect([...pids].filter(isAlive)).toEqual([]);
  }, 60_000);
});
