import { CircuitOpenError, LeanCircuitBreaker, type LeanCircuitBreakerOptions } from './lean-circuit-breaker';

let clock = 0;
const breaker = (overrides: Partial<LeanCircuitBreakerOptions> = {}) =>
  new LeanCircuitBreaker({
    failureRatio: 0.5,
    minimumCalls: 4,
    windowMs: 10_000,
    buckets: 10,
    resetMs: 2_000,
    now: () => clock,
    ...overrides,
  });

beforeEach(() => {
  clock = 1_000_000;
});

describe('LeanCircuitBreaker', () => {
  const ok = () => Promise.resolve('ok');
  const fail = () => Promise.reject(new Error('down'));

  it('passes answers and errors through while closed', async () => {
    const b = breaker();
    await expect(b.run(ok)).resolves.toBe('ok');
    await expect(b.run(fail)).rejects.toThrow('down');
    expect(b.state).toBe('closed');
  });

  it('stays closed below the minimum number of calls, then opens at the failure ratio', async () => {
    const b = breaker();
    for (let i = 0; i < 3; i++) await b.run(fail).catch(() => undefined);
    expect(b.state).toBe('closed');
    await b.run(fail).catch(() => undefined);
    expect(b.state).toBe('open');
  });

  it('does not open while most calls succeed', async () => {
    const b = breaker();
    for (let i = 0; i < 20; i++) await b.run(i % 3 === 2 ? fail : ok).catch(() => undefined);
    expect(b.state).toBe('closed');
  });

  it('fails fast while open, without calling', async () => {
    const b = breaker();
    for (let i = 0; i < 4; i++) await b.run(fail).catch(() => undefined);
    let called = false;
    await expect(
      b.run(() => {
        called = true;
        return ok();
      }),
    ).rejects.toBeInstanceOf(CircuitOpenError);
    expect(called).toBe(false);
  });

  it('lets one trial through after the reset time: success closes, failure reopens', async () => {
    const b = breaker();
    const states: string[] = [];
    b.onStateChange((s) => states.push(s));
    for (let i = 0; i < 4; i++) await b.run(fail).catch(() => undefined);
    clock += 2_000;
    await expect(b.run(fail)).rejects.toThrow('down');
    expect(b.state).toBe('open');
    clock += 2_000;
    let release!: (v: string) => void;
    const trial = b.run(() => new Promise<string>((resolve) => (release = resolve)));
    await expect(b.run(ok)).rejects.toBeInstanceOf(CircuitOpenError); // only one trial at a time
    release('back');
    await expect(trial).resolves.toBe('back');
    expect(b.state).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });

  it('forgets failures that left the window', async () => {
    const b = breaker();
    for (let i = 0; i < 3; i++) await b.run(fail).catch(() => undefined);
    clock += 11_000;
    await b.run(fail).catch(() => undefined);
    expect(b.state).toBe('closed');
  });

  it('counts a call that throws instead of rejecting as a failure', async () => {
    const b = breaker();
    const throws = (): Promise<string> => {
      throw new Error('sync');
    };
    for (let i = 0; i < 3; i++) await expect(b.run(throws)).rejects.toThrow('sync');
    expect(b.state).toBe('closed');
    await expect(b.run(throws)).rejects.toThrow('sync');
    expect(b.state).toBe('open');
  });

  it("refuses with the caller's error when given one", async () => {
    class Refused extends Error {}
    const b = breaker({ minimumCalls: 1, refusal: () => new Refused('busy') });
    await b.run(fail).catch(() => undefined);
    await expect(b.run(ok)).rejects.toBeInstanceOf(Refused);
  });
});

describe('LeanCircuitBreaker.runReporting (a call that reports its own outcome)', () => {
  // What the upstream client does: the outcome is reported before the promise settles.
  const reporting =
    (failed: boolean) =>
    (report: (failed: boolean) => void): Promise<string> => {
      report(failed);
      return failed ? Promise.reject(new Error('down')) : Promise.resolve('ok');
    };

  it("returns the call's own promise while closed, and opens on reported failures", async () => {
    const b = breaker();
    const answer = Promise.resolve('same');
    expect(b.runReporting(() => answer)).toBe(answer);
    for (let i = 0; i < 3; i++) await b.runReporting(reporting(true)).catch(() => undefined);
    expect(b.state).toBe('closed');
    await b.runReporting(reporting(true)).catch(() => undefined);
    expect(b.state).toBe('open');
  });

  it('fails fast while open, then one reported trial decides', async () => {
    const b = breaker();
    for (let i = 0; i < 4; i++) await b.runReporting(reporting(true)).catch(() => undefined);
    const notCalled = jest.fn();
    await expect(b.runReporting(notCalled)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(notCalled).not.toHaveBeenCalled();

    clock += 2_000;
    let reportTrial: ((failed: boolean) => void) | undefined;
    const trial = b.runReporting((report) => {
      reportTrial = report;
      return new Promise<string>(() => undefined);
    });
    expect(b.state).toBe('half-open');
    // A second call while the trial is out is refused.
    await expect(b.runReporting(notCalled)).rejects.toBeInstanceOf(CircuitOpenError);
    reportTrial!(true);
    expect(b.state).toBe('open');

    clock += 2_000;
    await b.runReporting(reporting(false));
    expect(b.state).toBe('closed');
    void trial;
  });

  it('counts a call that throws as failed', async () => {
    const b = breaker();
    for (let i = 0; i < 4; i++) {
      await expect(
        b.runReporting(() => {
          throw new Error('sync');
        }),
      ).rejects.toThrow('sync');
    }
    expect(b.state).toBe('open');
  });
});
