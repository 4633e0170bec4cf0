import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatMarkdownTable, formatTable } from '../../k6/lib/summary.js';
import { renderChart } from './chart.svg';
import { hasWrk, runLoad } from './load';
import { describeRatio, median } from './ratio-interval';
import {
  pooledRatio,
  ratioInterval,
  roundRatios,
  type RoundRow,
  roundOrder,
  summarize,
  type VariantSummary,
} from './rounds';
import { startUpstream } from './upstream.launcher';
import { parseVariant, startVariant, unavailableBecause } from './variants';

// `npm run bench`: the articles' experiment on this machine. A route that GETs
// nginx's welcome page and answers JSON, under 400 connections for 20 s,
// for the pets API with 1, 2 and 4 processes, for the same route without
// any framework (node:http + undici, 2 processes) and for the articles' winner
// (aiohttp under gunicorn, 2 workers; where Python has it), all in one run.

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '400' },
    threads: { type: 'string', default: '2' },
    // api-2 next to the baseline, so the goal's pair runs back to back in every
    // round, and aiohttp last, so that neither of the pair ever runs right
    // after the Python server (on 2026-12-02 the pair's ratio averaged 0.80
    // in rounds run aiohttp-2, api-2, baseline-2 and 0.93 in rounds run the
    // other way round; see bench/README.md).
    variants: { type: 'string', default: 'baseline-2,api-2,api-1,api-4,aiohttp-2' },
    // Every variant once per round, round after round (the order reversed in
    // every other round, see roundOrder): on a noisy machine the requests of
    // one variant move by several percent from one run to the next, and
    // interleaved rounds let a slow spell hit every variant alike.
    rounds: { type: 'string', default: '1' },
    tool: { type: 'string' },
    out: { type: 'string', default: join(__dirname, '../results') },
  },
});

const UPSTREAM_PORT = 18_080;
const SERVER_PORT = 18_000;

async function main(): Promise<void> {
  const durationS = Number(values.duration);
  const warmupS = Number(values.warmup);
  const connections = Number(values.connections);
  const threads = Number(values.threads);
  const tool = (values.tool as 'wrk' | 'autocannon' | undefined) ?? (hasWrk() ? 'wrk' : 'autocannon');
  const variants = values.variants
    .split(',')
    .map((name) => parseVariant(name.trim()))
    .filter((variant) => {
      const reason = unavailableBecause(variant);
      if (reason) process.stderr.write(`${variant.name}: skipped, ${reason}\n`);
      return !reason;
    });
  const rounds = Math.max(1, Math.floor(Number(values.rounds)));
  const upstream = await startUpstream(UPSTREAM_PORT);
  process.stderr.write(
    `upstream: ${upstream.kind} at ${upstream.url}; load: ${tool} -c${connections} -t${threads}, ${warmupS} s warm-up + ${durationS} s per variant, ${rounds} round(s)\n`,
  );
  const rows: RoundRow[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const variant of roundOrder(variants, round)) {
        const running = await startVariant(
          variant,
          SERVER_PORT,
          upstream.url,
          process.env.DATASTORE_URL || undefined,
        );
        try {
          // JIT and connection pools warm up first, as in any long-running service.
          if (warmupS > 0)
            await runLoad({ url: running.url, connections, threads, durationS: warmupS }, tool);
          const load = await runLoad({ url: running.url, connections, threads, durationS }, tool);
          rows.push({ variant: variant.name, round, load, peakRssMiB: running.peakRss() });
          process.stderr.write(
            `${rounds > 1 ? `round ${round}: ` : ''}${variant.name}: ${load.requests} requests, p99 ${load.p99.toFixed(1)} ms, ${load.failed} failed\n`,
          );
        } finally {
          await running.stop();
        }
      }
    }
  } finally {
    await upstream.stop();
  }
  report(rows, { durationS, warmupS, connections, threads, tool, upstream: upstream.kind, rounds });
}

function report(rows: RoundRow[], setup: Record<string, unknown> & { rounds: number }): void {
  const summaries = summarize(rows);
  const rounds = setup.rounds;
  // The articles' table: one row per variant, from its median round.
  const records = summaries.map(({ variant, median: { load } }) => ({
    variant,
    min: load.min,
    p50: load.p50,
    p99: load.p99,
    p999: load.p999,
    max: load.max,
    mean: load.mean,
    durationS: load.durationS,
    requests: load.requests,
    failed: load.failed,
    rps: load.requests / load.durationS,
  }));
  // The goal is api-2 against baseline-2; with other baselines in the run
  // (--variants baseline-1,api-1,...), each variant is held against the
  // baseline with its own worker count, and against baseline-2 otherwise.
  const baselines = summaries.filter((s) => s.variant.startsWith('baseline'));
  const baseline = baselines.find((s) => s.variant === 'baseline-2') ?? baselines[0];
  const baselineFor = (summary: (typeof summaries)[number]) => {
    const { workers } = parseVariant(summary.variant);
    return baselines.find((s) => parseVariant(s.variant).workers === workers) ?? baseline;
  };
  const aiohttp = summaries.find((s) => s.variant === 'aiohttp-2');
  const lines = [
    ...(rounds > 1 ? [`the median of ${rounds} interleaved rounds per variant:`] : []),
    formatTable(records),
    '',
  ];
  lines.push(`variant     failed  peak RSS per process (MiB)  vs baseline${rounds > 1 ? ' (pooled)' : ''}`);
  for (const summary of summaries) {
    const ratio = baseline ? pooledRatio(summary, baselineFor(summary)).toFixed(3) : 'n/a';
    lines.push(
      `${summary.variant.padEnd(11)} ${String(summary.failed).padStart(6)}  ${summary.peakRssMiB.join(', ').padEnd(26)}  ${ratio}`,
    );
  }
  if (rounds > 1) {
    lines.push('', `requests per round: ${summaries.map((s) => s.variant).join(' / ')}`);
    for (let round = 1; round <= rounds; round++) {
      const inRound = summaries.map((s) => s.rounds.find((r) => r.round === round)?.load.requests ?? 0);
      lines.push(`  round ${round}: ${inRound.map((n) => n.toLocaleString('en')).join(' / ')}`);
    }
  }
  const api2 = summaries.find((s) => s.variant === 'api-2');
  if (api2 && baseline) {
    const scale = 20 / api2.median.load.durationS;
    const over = rounds > 1 ? ` (worst of ${rounds} rounds)` : '';
    const rss = Math.max(...api2.peakRssMiB);
    lines.push(
      '',
      'goals for api-2:',
      `  >= 0.95 of the baseline's requests: ${describeRatio(ratioInterval(api2, baseline))}${medianRound(api2, baseline)}`,
      `  >= 250,000 requests in 20 s: ${Math.round(api2.median.load.requests * scale).toLocaleString('en')}${rounds > 1 ? ' (median round, scaled to 20 s)' : ' (scaled to 20 s)'}`,
      // The 250,000 is three times aiohttp's count on the machine the issue was measured on; this is the same goal on this one.
      aiohttp
        ? `  >= 3 times aiohttp-2's requests, this run: ${pooledRatio(api2, aiohttp).toFixed(2)} times${rounds > 1 ? ' (pooled over the rounds)' : ''}`
        : `  >= 3 times aiohttp-2's requests, this run: n/a (aiohttp-2 did not run)`,
      `  p99 <= 250 ms: ${api2.worstP99.toFixed(1)} ms${over}`,
      `  no failed request: ${api2.failed}`,
      // The goal is in MB (10^6 bytes); /proc reports KiB, printed here as MiB.
      `  peak RSS < 150 MB per worker: ${Math.round(rss * 1.048576)} MB (${rss} MiB)${over}`,
    );
  }
  const text = lines.join('\n');
  process.stdout.write(`${text}\n`);
  mkdirSync(values.out, { recursive: true });
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  writeFileSync(
    join(values.out, 'bench.json'),
    `${JSON.stringify({ setup, machine, rows, records }, null, 2)}\n`,
  );
  writeFileSync(join(values.out, 'bench.md'), `${formatMarkdownTable(records)}\n`);
  writeFileSync(
    join(values.out, 'bench.svg'),
    renderChart(
      records.map(({ variant, requests, p50, p99 }) => ({ variant, requests, p50, p99 })),
      `GET /v1/upstream, ${String(setup.connections)} connections, ${String(setup.durationS)} s (${String(setup.tool)})`,
    ),
  );
  process.stderr.write(`results: ${join(values.out, 'bench.json')}, bench.md, bench.svg\n`);
}

/**
 * `; 0.900 median round (0.852, ...)` with two rounds or more: the ratio of
 * a typical round, next to the pooled one, which a round or two where the
 * machine slowed only one side can move past a 5% goal.
 */
function medianRound(variant: VariantSummary, baseline: VariantSummary): string {
  const ratios = roundRatios(variant, baseline);
  if (ratios.length < 2) return '';
  return `; ${median(ratios).toFixed(3)} median round (${ratios.map((r) => r.toFixed(3)).join(', ')})`;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
