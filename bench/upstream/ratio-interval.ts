// How well a run of a few rounds knows a ratio of requests (ours over a
// reference's), for `npm run bench` and `npm run bench:side-by-side`.

/** A pooled ratio with the range it is known to, from how much the rounds disagree. */
export interface RatioInterval {
  ratio: number;
  /** The 95% confidence interval; undefined with fewer than two rounds to compare. */
  low?: number;
  high?: number;
  rounds: number;
}

/**
 * Sum over sum of `[ours, reference]` pairs (one per round), with a 95%
 * confidence interval that treats the rounds as the samples: the ratio
 * estimator's standard error (from each round's distance to the pooled
 * ratio) times Student's t for rounds - 1 degrees of freedom. On a machine where one 20 s run moves by several percent, it says
 * whether a run could tell the ratio from a goal next to it: four rounds
 * whose ratios scatter by 2.5% (one standard deviation) leave about +-4%.
 */
export function pooledRatioInterval(pairs: readonly (readonly [number, number])[]): RatioInterval {
  const n = pairs.length;
  const ours = pairs.reduce((sum, [mine]) => sum + mine, 0);
  const theirs = pairs.reduce((sum, [, reference]) => sum + reference, 0);
  const ratio = theirs === 0 ? NaN : ours / theirs;
  if (n < 2 || !Number.isFinite(ratio)) return { ratio, rounds: n };
  const meanReference = theirs / n;
  const squares = pairs.reduce((sum, [mine, reference]) => sum + (mine - ratio * reference) ** 2, 0);
  const standardError = Math.sqrt(squares / (n * (n - 1))) / meanReference;
  const margin = studentT95(n - 1) * standardError;
  return { ratio, low: ratio - margin, high: ratio + margin, rounds: n };
}

/** `1.020`, or with rounds to compare `1.020 (pooled over 4 rounds; 95% interval 0.930-1.110)`. */
export function describeRatio({ ratio, low, high, rounds }: RatioInterval): string {
  if (low === undefined || high === undefined) return ratio.toFixed(3);
  return `${ratio.toFixed(3)} (pooled over ${rounds} rounds; 95% interval ${low.toFixed(3)}-${high.toFixed(3)})`;
}

/**
 * The middle value (the mean of the two middle ones for an even count). Of
 * the rounds' own ratios it is the ratio of a typical round: two rounds in
 * which the machine slowed only the reference move the pooled ratio by
 * several percent, and this not at all.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// Two-sided 95% quantiles of Student's t, by degrees of freedom (1-10, then 15, 20, 30).
const T95: Record<number, number> = {
  1: 12.706,
  2: 4.303,
  3: 3.182,
  4: 2.776,
  5: 2.571,
  6: 2.447,
  7: 2.365,
  8: 2.306,
  9: 2.262,
  10: 2.228,
  15: 2.131,
  20: 2.086,
  30: 2.042,
};

/** Student's t for `df` degrees of freedom (the next tabulated lower df, so never too narrow). */
export function studentT95(df: number): number {
  if (df >= 60) return 2.0;
  if (df > 30) return T95[30];
  for (let d = df; d >= 1; d--) if (T95[d] !== undefined) return T95[d];
  return T95[1];
}
