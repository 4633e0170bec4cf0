/**
 * V8 flags every API process starts with. They cannot be set from inside a
 * running process (V8 sizes its heap at start-up), so they go on the command
 * line: the image's CMD, the cluster primary's workers (`withApiV8Flags`) and
 * the benchmark's processes all take them from here.
 *
 * `--max-semi-space-size=8` (MiB; V8's default on 64-bit is 16): under load
 * the young generation grows to two semi-spaces of the maximum, 32 MiB by
 * default, most of it garbage. Half of that keeps an API worker's peak RSS
 * 11-13 MiB lower (124-127 MiB against 136-139, 200 connections) at the
 * same speed: side by side, 0.999 of the default's requests over 10 rounds,
 * and 0.994 against 12 MiB; 4 MiB costs 7% (scavenges twice as often).
 *
 * `--no-allocation-site-pretenuring`: V8 watches how many of the objects
 * made at each allocation site survive the young generation, and once most
 * do, makes that site's objects in the old generation from then on. A burst
 * of requests on a cold worker (the benchmark's 400 connections opening at
 * once) makes per-request objects look long-lived; in 29 of 38 workers
 * measured, the decision then held for the whole run: old space filled with
 * garbage (peaks of 98-119 MiB against 43-45, for the same 27-31 MiB live),
 * mark-compacts came three times as often, scavenges took 2.4 times as long
 * (old objects pointing at young ones), peak RSS rose from 122-130 MiB to
 * 194-209, and api-2 answered 3-31% fewer requests than without the burst. An API's
 * objects live for one request or for the process; without pretenuring,
 * the few long-lived ones are copied once more on their way to the old
 * generation.
 */
export const API_V8_FLAGS: readonly string[] = [
  '--max-semi-space-size=8',
  '--no-allocation-site-pretenuring',
];

/** A flag's name, whatever its spelling: `--no-x_y=1` and `--x-y` are the same flag. */
const flagName = (flag: string): string =>
  flag
    .split('=')[0]
    .replace(/_/g, '-')
    .replace(/^--no-/, '--');

/**
 * `execArgv` with each API flag it does not already set. A flag the operator
 * set by name, on the command line or in NODE_OPTIONS, keeps the operator's
 * value (command-line flags would override NODE_OPTIONS).
 */
export function withApiV8Flags(
  execArgv: readonly string[],
  nodeOptions: string | undefined = process.env.NODE_OPTIONS,
): string[] {
  const given = new Set([...execArgv, ...(nodeOptions ?? '').split(/\s+/)].map(flagName));
  return [...execArgv, ...API_V8_FLAGS.filter((flag) => !given.has(flagName(flag)))];
}
