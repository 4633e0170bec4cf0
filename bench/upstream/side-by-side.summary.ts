import { median, pooledRatioInterval, type RatioInterval } from './ratio-interval';

/** One variant's share of one side-by-side round. */
export interface SideBySideRow {
  round: number;
  variant: string;
  requests: number;
  failed: number;
  /** CPU seconds its serving processes used during the measured load. */
  cpuSeconds: number;
}

export interface SideBySideSummary {
  /** The variants, in the order given: the first is the reference. */
  variants: [string, string];
  /** Per round: the second variant's requests over the first's. */
  roundRatios: number[];
  /** All the second variant's requests over all the first's. */
  requestsRatio: number;
  /** The same with its 95% interval over the rounds. */
  requestsInterval: RatioInterval;
  /**
   * The middle round ratio (the mean of the two middle ones for an even
   * count): unlike the pooled ratio, one round in which the machine stalled
   * one variant does not move it.
   */
  medianRoundRatio: number;
  /** Microseconds of server CPU per request, pooled over the rounds, per variant. */
  cpuPerRequestUs: [number, number];
  /** The first's CPU per request over the second's: above 1 when the second costs less. */
  cpuRatio: number;
  failed: number;
}

/**
 * Pools the rounds of a side-by-side run. Both variants were loaded at the
 * same time in every round, so a slow spell of the machine slows both alike;
 * the ratios are computed only from rounds both variants finished.
 */
export function summarizeSideBySide(
  rows: readonly SideBySideRow[],
  variants: [string, string],
): SideBySideSummary {
  const [a, b] = variants;
  const rounds = [...new Set(rows.map((r) => r.round))].sort((x, y) => x - y);
  const totals = { aRequests: 0, bRequests: 0, aCpu: 0, bCpu: 0 };
  const roundRatios: number[] = [];
  const pairs: [number, number][] = [];
  for (const round of rounds) {
    const first = rows.find((r) => r.round === round && r.variant === a);
    const second = rows.find((r) => r.round === round && r.variant === b && r !== first);
    if (!first || !second || first.requests === 0) continue;
    roundRatios.push(second.requests / first.requests);
    pairs.push([second.requests, first.requests]);
    totals.aRequests += first.requests;
    totals.bRequests += second.requests;
    totals.aCpu += first.cpuSeconds;
    totals.bCpu += second.cpuSeconds;
  }
  const perRequest = (cpu: number, requests: number) => (requests === 0 ? NaN : (cpu * 1e6) / requests);
  const cpuPerRequestUs: [number, number] = [
    perRequest(totals.aCpu, totals.aRequests),
    perRequest(totals.bCpu, totals.bRequests),
  ];
  const requestsInterval = pooledRatioInterval(pairs);
  return {
    variants,
    roundRatios,
    requestsRatio: requestsInterval.ratio,
    requestsInterval,
    medianRoundRatio: median(roundRatios),
    cpuPerRequestUs,
    cpuRatio: cpuPerRequestUs[0] / cpuPerRequestUs[1],
    failed: rows.reduce((sum, r) => sum + r.failed, 0),
  };
}
