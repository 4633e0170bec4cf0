import type { LoadResult } from '../upstream/load';
import { describeRatio } from '../upstream/ratio-interval';
import {
  pooledRatio,
  ratioInterval,
  roundRatios,
  type RoundRow,
  roundOrder,
  summarize,
} from '../upstream/rounds';

const load = (requests: number, p99 = 10, failed = 0): LoadResult => ({
  tool: 'wrk',
  requests,
  failed,
  durationS: 20,
  min: 1,
  p50: 5,
  p99,
  p999: 20,
  max: 30,
  mean: 6,
});

const row = (variant: string, round: number, requests: number, rss: number[], p99 = 10): RoundRow => ({
  variant,
  round,
  load: load(requests, p99, round === 2 ? 1 : 0),
  peakRssMiB: rss,
});

describe('bench rounds', () => {
  const rows = [
    row('baseline-2', 1, 400, [170, 171]),
    row('api-2', 1, 380, [130, 140], 50),
    row('baseline-2', 2, 300, [172, 170]),
    row('api-2', 2, 330, [141, 133], 300),
    row('baseline-2', 3, 420, [171, 169]),
    row('api-2', 3, 390, [135, 136], 80),
  ];

  it('keeps the order variants appear in, with the median round, totals and the worst figures', () => {
    const [baseline, api] = summarize(rows);
    expect(baseline.variant).toBe('baseline-2');
    expect(baseline.median.load.requests).toBe(400);
    expect(api).toMatchObject({ variant: 'api-2', totalRequests: 1100, failed: 1, worstP99: 300 });
    expect(api.median.round).toBe(1);
    expect(api.peakRssMiB).toEqual([141, 140]);
  });

  it('pools the ratio over the rounds both variants ran', () => {
    const [baseline, api] = summarize(rows);
    expect(pooledRatio(api, baseline)).toBeCloseTo(1100 / 1120, 10);
    const [b, a] = summarize([...rows, row('api-2', 4, 1000, [1])]);
    expect(pooledRatio(a, b)).toBeCloseTo(1100 / 1120, 10);
  });

  it('gives the pooled ratio a 95% interval from how far each round falls from it', () => {
    const [baseline, api] = summarize(rows);
    // By hand: R = 1100/1120; residuals -12.857, 35.357, -22.5; SE = sqrt(1921.68 / 6) / 373.33
    // = 0.04794; t(2) = 4.303.
    const interval = ratioInterval(api, baseline);
    expect(interval.rounds).toBe(3);
    expect(interval.ratio).toBeCloseTo(0.98214, 5);
    expect(interval.low).toBeCloseTo(0.7759, 3);
    expect(interval.high).toBeCloseTo(1.1884, 3);
    expect(describeRatio(interval)).toBe('0.982 (pooled over 3 rounds; 95% interval 0.776-1.188)');
  });

  it("gives each round's own ratio, for the rounds both variants ran", () => {
    const [baseline, api] = summarize([...rows, row('api-2', 4, 1000, [1])]);
    // Round 4 has no baseline to compare with.
    expect(roundRatios(api, baseline)).toEqual([380 / 400, 330 / 300, 390 / 420]);
  });

  it('takes the lower middle round for an even count', () => {
    const [only] = summarize([
      row('x', 1, 5, []),
      row('x', 2, 1, []),
      row('x', 3, 9, []),
      row('x', 4, 7, []),
    ]);
    expect(only.median.load.requests).toBe(5);
  });

  it('runs the variants as given in odd rounds and reversed in even ones, without changing the list', () => {
    const variants = ['baseline-2', 'api-2', 'aiohttp-2'];
    expect(roundOrder(variants, 1)).toEqual(['baseline-2', 'api-2', 'aiohttp-2']);
    expect(roundOrder(variants, 2)).toEqual(['aiohttp-2', 'api-2', 'baseline-2']);
    expect(roundOrder(variants, 3)).toEqual(variants);
    expect(variants).toEqual(['baseline-2', 'api-2', 'aiohttp-2']);
  });
});
