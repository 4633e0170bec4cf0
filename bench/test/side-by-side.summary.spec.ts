import { type SideBySideRow, summarizeSideBySide } from '../upstream/side-by-side.summary';

const row = (
  round: number,
  variant: string,
  requests: number,
  cpuSeconds: number,
  failed = 0,
): SideBySideRow => ({
  round,
  variant,
  requests,
  cpuSeconds,
  failed,
});

describe('side-by-side summary', () => {
  it('pools requests and CPU over the rounds, second variant against the first', () => {
    const summary = summarizeSideBySide(
      [
        row(1, 'baseline-1', 100_000, 4.0),
        row(1, 'api-1', 90_000, 4.5),
        row(2, 'api-1', 60_000, 3.0, 2),
        row(2, 'baseline-1', 50_000, 2.0),
      ],
      ['baseline-1', 'api-1'],
    );
    expect(summary.roundRatios).toEqual([0.9, 1.2]);
    expect(summary.medianRoundRatio).toBeCloseTo(1.05);
    expect(summary.requestsRatio).toBeCloseTo(150_000 / 150_000);
    // Two rounds 20% apart: SE 10,000 / 75,000, times t(1) = 12.706.
    expect(summary.requestsInterval.rounds).toBe(2);
    expect(summary.requestsInterval.low).toBeCloseTo(1 - 1.6941, 3);
    expect(summary.requestsInterval.high).toBeCloseTo(1 + 1.6941, 3);
    expect(summary.cpuPerRequestUs[0]).toBeCloseTo(40);
    expect(summary.cpuPerRequestUs[1]).toBeCloseTo(50);
    expect(summary.cpuRatio).toBeCloseTo(0.8);
    expect(summary.failed).toBe(2);
  });

  it('gives the middle round ratio, which one stalled round does not move', () => {
    const rounds = [0.9, 0.92, 1.6].flatMap((ratio, i) => [
      row(i + 1, 'a', 1000, 1),
      row(i + 1, 'b', 1000 * ratio, 1),
    ]);
    const summary = summarizeSideBySide(rounds, ['a', 'b']);
    expect(summary.medianRoundRatio).toBeCloseTo(0.92);
    expect(summary.requestsRatio).toBeCloseTo(3420 / 3000);
  });

  it('leaves out a round one of the variants did not finish', () => {
    const summary = summarizeSideBySide(
      [row(1, 'a', 100, 1), row(1, 'b', 80, 1), row(2, 'a', 100, 1)],
      ['a', 'b'],
    );
    expect(summary.roundRatios).toEqual([0.8]);
    expect(summary.requestsRatio).toBeCloseTo(0.8);
  });

  it('compares a variant with itself (an A/A run, to see the noise)', () => {
    const summary = summarizeSideBySide(
      [{ ...row(1, 'api-1', 100, 1) }, { ...row(1, 'api-1', 110, 1) }],
      ['api-1', 'api-1'],
    );
    expect(summary.roundRatios).toEqual([1.1]);
  });
});
