import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  connections: number;
  threads: number;
  durationS: number;
}

/** Latencies in milliseconds; failed counts socket errors, timeouts and non-2xx answers. */
export interface LoadResult {
  tool: 'wrk' | 'autocannon';
  requests: number;
  failed: number;
  durationS: number;
  min: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

export function hasWrk(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined;
}

/** wrk when installed (the articles' tool, far lighter on CPU), otherwise autocannon. */
export function runLoad(
  options: LoadOptions,
  tool: 'wrk' | 'autocannon' = hasWrk() ? 'wrk' : 'autocannon',
): Promise<LoadResult> {
  return tool === 'wrk' ? runWrk(options) : runAutocannon(options);
}

function runWrk({ url, connections, threads, durationS }: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const args = [
      '-t',
      String(threads),
      '-c',
      String(connections),
      '-d',
      `${durationS}s`,
      '--timeout',
      '10s',
    ];
    const child = spawn('wrk', [...args, '-s', join(__dirname, 'wrk-report.lua'), url], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const json = /WRK_JSON (.*)/.exec(output)?.[1];
      if (code !== 0 || !json) return reject(new Error(`wrk failed (${code}): ${output}`));
      const r = JSON.parse(json) as {
        requests: number;
        durationUs: number;
        errors: Record<string, number>;
        latencyUs: Record<string, number>;
      };
      const ms = (us: number) => us / 1000;
      resolve({
        tool: 'wrk',
        requests: r.requests,
        failed: Object.values(r.errors).reduce((a, b) => a + b, 0),
        durationS: r.durationUs / 1e6,
        min: ms(r.latencyUs.min),
        p50: ms(r.latencyUs.p50),
        p99: ms(r.latencyUs.p99),
        p999: ms(r.latencyUs.p999),
        max: ms(r.latencyUs.max),
        mean: ms(r.latencyUs.mean),
      });
    });
  });
}

async function runAutocannon({ url, connections, threads, durationS }: LoadOptions): Promise<LoadResult> {
  const started = Date.now();
  const result = await autocannon({
    url,
    connections,
    duration: durationS,
    workers: threads > 1 ? threads : undefined,
  });
  const latency = result.latency as unknown as Record<string, number>;
  return {
    tool: 'autocannon',
    requests: result.requests.total,
    failed: result.errors + result.timeouts + result.non2xx,
    durationS: (Date.now() - started) / 1000,
    min: latency.min,
    p50: latency.p50,
    p99: latency.p99,
    p999: latency.p99_9 ?? latency.p99,
    max: latency.max,
    mean: latency.average,
  };
}
