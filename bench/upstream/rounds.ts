import type { LoadResult } from './load';
import { pooledRatioInterval, type RatioInterval } from './ratio-interval';

/** One measured run of one variant. */
export interface RoundRow {
  variant: string;
  /** 1-based; every variant runs once per round, in the order of `roundOrder`. */
  round: number;
  load: LoadResult;
  peakRssMiB: number[];
}

/**
 * The order of the variants in round `round` (1-based): as given in odd
 * rounds, reversed in even ones. Over each pair of rounds every variant then
 * sits, on average, at the same moment of the run as every other, so a
 * machine that slows down (or speeds up) steadily during a run favours none
 * of them; neighbours in the list run next to each other in every round.
 */
export function roundOrder<T>(variants: readonly T[], round: number): T[] {
  return round % 2 === 1 ? [...variants] : [...variants].reverse();
}

/** What a variant did over every round. */
export interface VariantSummary {
  variant: string;
  /** The round with the median number of requests (the lower middle one for an even count). */
  median: RoundRow;
  rounds: RoundRow[];
  totalRequests: number;
  failed: number;
  /** The highest p99 of any round. */
  worstP99: number;
  /** Per serving process, the highest peak RSS of any round. */
  peakRssMiB: number[];
}

/** Groups rows by variant, in the order variants first appear. */
export function summarize(rows: readonly RoundRow[]): VariantSummary[] {
  const byVariant = new Map<string, RoundRow[]>();
  for (const row of rows) {
    const list = byVariant.get(row.variant) ?? [];
    list.push(row);
    byVariant.set(row.variant, list);
  }
  return [...byVariant].map(([variant, rounds]) => {
    const sorted = [...rounds].sort((a, b) => a.load.requests - b.load.requests);
    const processes = Math.max(...rounds.map((r) => r.peakRssMiB.length));
    return {
      variant,
      median: sorted[Math.floor((sorted.length - 1) / 2)],
      rounds,
      totalRequests: rounds.reduce((sum, r) => sum + r.load.requests, 0),
      failed: rounds.reduce((sum, r) => sum + r.load.failed, 0),
      worstP99: Math.max(...rounds.map((r) => r.load.p99)),
      peakRssMiB: Array.from({ length: processes }, (_, i) =>
        Math.max(...rounds.map((r) => r.peakRssMiB[i] ?? 0)),
      ),
    };
  });
}

/**
 * Requests relative to the baseline, pooled over the rounds both ran: total
 * against total. Rounds interleave the variants, so a machine that slows
 * down for a while slows both, and the ratio is steadier than any one pair.
 */
export function pooledRatio(variant: VariantSummary, baseline: VariantSummary): number {
  return ratioInterval(variant, baseline).ratio;
}

/** The pooled ratio with its 95% interval over the rounds both ran (see pooledRatioInterval). */
export function ratioInterval(variant: VariantSummary, baseline: VariantSummary): RatioInterval {
  return pooledRatioInterval(roundPairs(variant, baseline));
}

/** The variant's requests over the baseline's, round by round, for every round both ran. */
export function roundRatios(variant: VariantSummary, baseline: VariantSummary): number[] {
  return roundPairs(variant, baseline).map(([mine, reference]) => mine / reference);
}

/** [variant's requests, baseline's requests] for every round both ran. */
function roundPairs(variant: VariantSummary, baseline: VariantSummary): [number, number][] {
  const baselineByRound = new Map(baseline.rounds.map((r) => [r.round, r.load.requests]));
  return variant.rounds.flatMap((row): [number, number][] => {
    const reference = baselineByRound.get(row.round);
    return reference === undefined ? [] : [[row.load.requests, reference]];
  });
}
