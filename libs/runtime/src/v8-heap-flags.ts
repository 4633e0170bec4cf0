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
 */
export const API_V8_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

const flagName = (flag: string): string => flag.split('=')[0].replace(/_/g, '-');

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
