import { describeRatio, median, pooledRatioInterval, studentT95 } from '../upstream/ratio-interval';

describe('pooled ratio interval', () => {
  it('has no width when every round gives the same ratio', () => {
    const flat = pooledRatioInterval([
      [950, 1000],
      [760, 800],
    ]);
    expect(flat.rounds).toBe(2);
    expect(flat.ratio).toBeCloseTo(0.95, 12);
    expect(flat.low).toBeCloseTo(0.95, 12);
    expect(flat.high).toBeCloseTo(0.95, 12);
  });

  it('narrows as more rounds agree, with the same scatter', () => {
    const rounds = (count: number) =>
      Array.from({ length: count }, (_, i): [number, number] => [i % 2 === 0 ? 930 : 970, 1000]);
    const four = pooledRatioInterval(rounds(4));
    const eight = pooledRatioInterval(rounds(8));
    expect(four.ratio).toBeCloseTo(0.95, 12);
    expect(eight.ratio).toBeCloseTo(0.95, 12);
    // Scatter 0.02 (sd 0.0231): 3.182 * 0.0231 / 2 and 2.365 * 0.0214 / sqrt(8).
    expect(four.high! - four.ratio).toBeCloseTo(0.03674, 4);
    expect(eight.high! - eight.ratio).toBeCloseTo(0.01788, 4);
    expect(four.ratio - four.low!).toBeCloseTo(four.high! - four.ratio, 12);
  });

  it('gives no interval from one round or none', () => {
    expect(pooledRatioInterval([[380, 400]])).toEqual({ ratio: 0.95, rounds: 1 });
    expect(pooledRatioInterval([])).toEqual({ ratio: NaN, rounds: 0 });
    expect(describeRatio(pooledRatioInterval([[380, 400]]))).toBe('0.950');
  });

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([1.2, 0.9, 0.85])).toBe(0.9);
    expect(median([0.85, 1.24, 0.9, 0.88])).toBeCloseTo(0.89, 12);
    expect(median([])).toBeNaN();
  });

  it("takes Student's t from the next tabulated lower degrees of freedom", () => {
    expect(studentT95(1)).toBe(12.706);
    expect(studentT95(7)).toBe(2.365);
    expect(studentT95(12)).toBe(2.228);
    expect(studentT95(45)).toBe(2.042);
    expect(studentT95(200)).toBe(2.0);
  });
});
