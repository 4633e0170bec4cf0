import { parseArgs } from 'node:util';
import { snapshotCpu } from '../aggregates/cpu-usage';
import { hasWrk, runLoad } from './load';
import { describeRatio } from './ratio-interval';
import { type SideBySideRow, summarizeSideBySide } from './side-by-side.summary';
import { startUpstream } from './upstream.launcher';
import { parseVariant, type RunningVariant, startVariant } from './variants';

// `npm run bench:side-by-side`: two variants loaded at the same time, each
// by its own load generator, for several short rounds. On this machine the
// speed of everything drifts by tens of percent from one minute to the next;
// `npm run bench` interleaves variants to let the drift hit them alike, this
// makes both share every moment of it. Meant for asking whether a change
// helps (the API against its previous build, say), and for an A/A run
// (a variant against itself) that shows the noise left.

const { values } = parseArgs({
  options: {
    variants: { type: 'string', default: 'baseline-1,api-1' },
    rounds: { type: 'string', default: '8' },
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '3' },
    // Per variant: two at once make the articles' 400.
    connections: { type: 'string', default: '200' },
    tool: { type: 'string' },
  },
});

const UPSTREAM_PORT = 18_080;
const PORTS = [18_000, 18_001] as const;

async function main(): Promise<void> {
  const names = values.variants.split(',').map((name) => name.trim());
  if (names.length !== 2) throw new Error('--variants takes two variants, e.g. baseline-1,api-1');
  const variants = names.map(parseVariant);
  const rounds = Math.max(1, Math.floor(Number(values.rounds)));
  const durationS = Number(values.duration);
  const warmupS = Number(values.warmup);
  const connections = Number(values.connections);
  const tool = (values.tool as 'wrk' | 'autocannon' | undefined) ?? (hasWrk() ? 'wrk' : 'autocannon');
  const upstream = await startUpstream(UPSTREAM_PORT);
  process.stderr.write(
    `upstream: ${upstream.kind}; ${names.join(' and ')} at the same time, ${tool} -c${connections} -t1 each, ${warmupS} s warm-up + ${durationS} s, ${rounds} rounds\n`,
  );
  const rows: SideBySideRow[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      // Every other round the second variant goes first (its port, its start,
      // its load generator), so neither keeps an advantage of going first.
      const order = round % 2 === 1 ? [0, 1] : [1, 0];
      const running: RunningVariant[] = [];
      try {
        for (const [slot, i] of order.entries()) {
          running[i] = await startVariant(
            variants[i],
            PORTS[slot],
            upstream.url,
            process.env.DATASTORE_URL || undefined,
          );
        }
        // The load generators start in `order`; the results come back per variant.
        const loadAll = async (seconds: number) => {
          const inOrder = await Promise.all(
            order.map((i) =>
              runLoad({ url: running[i].url, connections, threads: 1, durationS: seconds }, tool),
            ),
          );
          return variants.map((_, i) => inOrder[order.indexOf(i)]);
        };
        if (warmupS > 0) await loadAll(warmupS);
        const groups = Object.fromEntries(running.map((r, i) => [String(i), () => r.serverPids()]));
        const before = snapshotCpu(groups);
        const loads = await loadAll(durationS);
        const after = snapshotCpu(groups);
        const line = loads.map((load, i) => {
          const cpuSeconds = after.seconds[String(i)] - before.seconds[String(i)];
          rows.push({ round, variant: names[i], requests: load.requests, failed: load.failed, cpuSeconds });
          return `${names[i]} ${load.requests} (${((cpuSeconds * 1e6) / load.requests).toFixed(1)} µs CPU each)`;
        });
        process.stderr.write(`round ${round}: ${line.join(', ')}\n`);
      } finally {
        await Promise.all(running.filter(Boolean).map((r) => r.stop()));
      }
    }
  } finally {
    await upstream.stop();
  }
  const summary = summarizeSideBySide(rows, [names[0], names[1]]);
  const [a, b] = summary.variants;
  process.stdout.write(
    [
      `${b} : ${a}, ${summary.roundRatios.length} rounds side by side`,
      `  requests: ${describeRatio(summary.requestsInterval)}, ${summary.medianRoundRatio.toFixed(3)} median round (rounds ${summary.roundRatios.map((r) => r.toFixed(3)).join(', ')})`,
      `  server CPU per request: ${a} ${summary.cpuPerRequestUs[0].toFixed(1)} µs, ${b} ${summary.cpuPerRequestUs[1].toFixed(1)} µs (${a} / ${b} = ${summary.cpuRatio.toFixed(3)})`,
      `  failed requests: ${summary.failed}`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
