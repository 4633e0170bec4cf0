/**
 * Compares `merged` (immutable, like the other two) with deepmerge-ts and npm deepmerge, plus our
 * mutating `merge` on fresh copies of the base (copy cost excluded from the timing). The goal,
 * `merged` at least as fast as deepmerge-ts, is checked on the three goal inputs; the exit code is 1
 * if it fails. Run with `npm run bench:deepmerge`.
 */
import { isDeepStrictEqual } from 'node:util';

import deepmergeNpm from 'deepmerge';
import { deepmerge as deepmergeTs } from 'deepmerge-ts';
import { Bench, type Task } from 'tinybench';

import { alwaysMerger, merged } from '../src';
import { goalInputs, informativeInputs, type BenchInput } from './bench-inputs';

const TIME_PER_TASK_MS = 750;
const WARMUP_PER_TASK_MS = 200;

const OURS_MERGED = '@pets/deepmerge merged';
const OURS_MERGE = '@pets/deepmerge merge (mutating)';
const DEEPMERGE_TS = 'deepmerge-ts';
const DEEPMERGE_NPM = 'deepmerge (npm)';

interface Row {
  input: string;
  library: string;
  opsPerSecond: number;
  relativeMarginOfError: number;
}

function assertSameResults(input: BenchInput): void {
  const expected = deepmergeTs(input.base, input.next);
  const results: Record<string, unknown> = {
    [OURS_MERGED]: merged(input.base, input.next),
    [OURS_MERGE]: alwaysMerger.merge(structuredClone(input.base), input.next),
    [DEEPMERGE_NPM]: deepmergeNpm(input.base, input.next),
  };
  for (const [library, result] of Object.entries(results)) {
    if (!isDeepStrictEqual(result, expected)) {
      throw new Error(`${library} disagrees with deepmerge-ts on "${input.name}"; refusing to time it`);
    }
  }
}

async function benchmark(input: BenchInput): Promise<Row[]> {
  const { base, next } = input;
  const bench = new Bench({ name: input.name, time: TIME_PER_TASK_MS, warmupTime: WARMUP_PER_TASK_MS });
  const batchSize = mutatingBatchSize(input);
  bench
    .add(OURS_MERGED, () => merged(base, next))
    .add(DEEPMERGE_TS, () => deepmergeTs(base, next))
    .add(DEEPMERGE_NPM, () => deepmergeNpm(base, next))
    .add(OURS_MERGE, () => {
      // merge mutates its base, so each call needs a fresh copy. The copies are made first and only
      // the merges are timed: the sample is the mean merge time of the batch, while the time budget
      // is charged the whole iteration, copies included, to keep the run short.
      const iterationStart = bench.now();
      const freshBases = Array.from({ length: batchSize }, () => structuredClone(base));
      const mergeStart = bench.now();
      for (const freshBase of freshBases) alwaysMerger.merge(freshBase, next);
      const mergeEnd = bench.now();
      return {
        overriddenDuration: (mergeEnd - mergeStart) / batchSize,
        overriddenIterationCost: mergeEnd - iterationStart,
      };
    });
  await bench.run();
  return bench.tasks.map((task) => toRow(input, task));
}

/** Enough merges per timed batch (about 0.1 ms) for the timer's resolution not to matter. */
function mutatingBatchSize(input: BenchInput): number {
  const copies = Array.from({ length: 8 }, () => structuredClone(input.base));
  const start = performance.now();
  for (const copy of copies) alwaysMerger.merge(copy, input.next);
  const perMerge = (performance.now() - start) / copies.length;
  return Math.min(64, Math.max(1, Math.ceil(0.1 / perMerge)));
}

function toRow(input: BenchInput, task: Task): Row {
  const result = task.result;
  if (result.state !== 'completed') {
    throw new Error(`${task.name} on "${input.name}" did not complete: ${result.state}`);
  }
  return {
    input: input.name,
    library: task.name,
    opsPerSecond: result.throughput.mean,
    relativeMarginOfError: result.throughput.rme,
  };
}

function printTable(rows: readonly Row[]): void {
  const header = ['input', 'library', 'ops/s', '±%', 'vs deepmerge-ts'];
  const lines = rows.map((row) => {
    const reference = rows.find((other) => other.input === row.input && other.library === DEEPMERGE_TS);
    const ratio = reference === undefined ? NaN : row.opsPerSecond / reference.opsPerSecond;
    return [
      row.input,
      row.library,
      Math.round(row.opsPerSecond).toLocaleString('en-US'),
      row.relativeMarginOfError.toFixed(2),
      `${ratio.toFixed(2)}x`,
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column].length)),
  );
  const format = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => (column >= 2 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join(' | ')} |`;
  console.log(format(header));
  console.log(
    `|${widths.map((width, column) => (column >= 2 ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`,
  );
  for (const line of lines) console.log(format(line));
}

function ratioToDeepmergeTs(rows: readonly Row[], input: BenchInput): { holds: boolean; ratio: string } {
  const ours = rows.find((row) => row.input === input.name && row.library === OURS_MERGED);
  const theirs = rows.find((row) => row.input === input.name && row.library === DEEPMERGE_TS);
  if (ours === undefined || theirs === undefined) throw new Error(`missing results for "${input.name}"`);
  return {
    holds: ours.opsPerSecond >= theirs.opsPerSecond,
    ratio: (ours.opsPerSecond / theirs.opsPerSecond).toFixed(2),
  };
}

function printVerdicts(
  rows: readonly Row[],
  goals: readonly BenchInput[],
  informative: readonly BenchInput[],
): boolean {
  let allHold = true;
  console.log('');
  for (const input of goals) {
    const { holds, ratio } = ratioToDeepmergeTs(rows, input);
    allHold &&= holds;
    console.log(`${input.name}: goal (merged >= deepmerge-ts) ${holds ? 'HOLDS' : 'FAILS'} (${ratio}x)`);
  }
  for (const input of informative) {
    const { ratio } = ratioToDeepmergeTs(rows, input);
    console.log(
      `${input.name}: no goal (merged ${ratio}x deepmerge-ts, which shares the element records ` +
        'with its inputs where merged copies them)',
    );
  }
  return allHold;
}

async function main(): Promise<void> {
  const goals = goalInputs();
  const informative = informativeInputs();
  const inputs = [...goals, ...informative];
  for (const input of inputs) assertSameResults(input);
  // Every task reuses the same inputs, so one that mutated them would skew all later timings.
  const inputsBefore = JSON.stringify(inputs);
  console.log(
    `Node ${process.version}; all libraries agree on every input. ${TIME_PER_TASK_MS} ms per task.`,
  );
  for (const input of inputs) console.log(`- ${input.name}: ${input.description}`);
  console.log('');
  const rows: Row[] = [];
  for (const input of inputs) rows.push(...(await benchmark(input)));
  if (JSON.stringify(inputs) !== inputsBefore) throw new Error('an input was mutated during the run');
  printTable(rows);
  if (!printVerdicts(rows, goals, informative)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
